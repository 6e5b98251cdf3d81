-- One database and one user per service, as in Kubernetes (CloudNativePG) and the local run.
CREATE USER leads WITH PASSWORD 'leads';
CREATE DATABASE leads OWNER leads;
CREATE USER feedback WITH PASSWORD 'feedback';
CREATE DATABASE feedback OWNER feedback;
CREATE USER reporting WITH PASSWORD 'reporting';
CREATE DATABASE reporting OWNER reporting;
