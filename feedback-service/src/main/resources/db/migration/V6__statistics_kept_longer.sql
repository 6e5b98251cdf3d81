-- As the platform's tables (V0_6__platform_statistics_kept_longer): loops, tracked leads, echoes, notifications and
-- deliveries change with every lead event; their statistics are gathered again after 100,000 changes plus a tenth of
-- the table rather than 50 plus a tenth, which a small table reached at nearly every look of autovacuum.
ALTER TABLE loop SET (autovacuum_analyze_threshold = 100000);
ALTER TABLE tracked_lead SET (autovacuum_analyze_threshold = 100000);
ALTER TABLE echo SET (autovacuum_analyze_threshold = 100000);
ALTER TABLE notification SET (autovacuum_analyze_threshold = 100000);
ALTER TABLE delivery SET (autovacuum_analyze_threshold = 100000);
