-- The outbox and the timers are queues: each row is written, then deleted within seconds (published; fired or
-- replaced). PostgreSQL's default waits for dead rows to reach a fifth of the table before vacuuming it, and a table
-- that stays small never gets there: at 200 acknowledgments a second, leads-service's outbox held 23,000 dead rows
-- beside 600 live ones after 90 s, and every claim of the relay read 950 buffers to step over them (e2e bench,
-- 2026-12-06). Vacuumed after a thousand, without the cost-based pauses; how soon after is autovacuum_naptime's
-- (deploy/README.md).
ALTER TABLE outbox_event SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 1000,
    autovacuum_vacuum_cost_delay = 0, autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);
ALTER TABLE timer SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_cost_delay = 0);
