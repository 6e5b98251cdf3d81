-- One database and one user per service, as in Kubernetes (CloudNativePG) and the local run.
CREATE USER leads WITH PASSWORD 'leads';
CREATE DATABASE leads OWNER leads;
CREATE USER feedback WITH PASSWORD 'feedback';
CREATE DATABASE feedback OWNER feedback;
CREATE USER reporting WITH PASSWORD 'reporting';
CREATE DATABASE reporting OWNER reporting;
-- Grafana's read-only way into the reporting read models (the "Who and what" dashboard): the views of schema
-- dashboards and nothing else.
CREATE ROLE closedloop_dashboards NOLOGIN;
CREATE USER grafana WITH PASSWORD 'grafana' IN ROLE closedloop_dashboards;
