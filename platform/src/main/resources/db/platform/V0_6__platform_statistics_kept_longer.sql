-- Statistics (ANALYZE) of the inbox, the timers and the idempotency records are gathered again after 100,000 changes
-- plus a tenth of the table, not after 50 plus a tenth: small and changed with every event, these tables qualified at
-- nearly every look of autovacuum (every 5 s locally), and those ANALYZE runs, across the tables of each database,
-- came with the end-to-end benchmark's slowest acknowledgments at 200/s (BENCHMARKS.md, issue 18, eleventh session:
-- p99 70 -> 52 ms with no automatic ANALYZE at all). Their statements look rows up by key or by an indexed range;
-- VACUUM, as often as before, keeps the row and page counts the planner sizes them by. A large table is analysed
-- after a tenth of it changed, as before.
ALTER TABLE inbox_event SET (autovacuum_analyze_threshold = 100000);
ALTER TABLE timer SET (autovacuum_analyze_threshold = 100000);
ALTER TABLE idempotent_request SET (autovacuum_analyze_threshold = 100000);
