-- As the platform's tables (V0_6__platform_statistics_kept_longer): the leads and their history
-- change with every intake and acknowledgment; their statistics are gathered again after 100,000 changes plus a tenth
-- of the table rather than 50 plus a tenth, which a small table reached at nearly every look of autovacuum.
ALTER TABLE lead SET (autovacuum_analyze_threshold = 100000);
ALTER TABLE lead_history SET (autovacuum_analyze_threshold = 100000);
