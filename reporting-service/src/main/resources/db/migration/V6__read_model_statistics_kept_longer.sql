-- The read-model schemas already built get what readmodel/schema.sql now gives every new one: statistics of the tables
-- each event changes gathered again after 100,000 changes plus a tenth of the table (platform migration
-- V0_6__platform_statistics_kept_longer says why).
DO $$
DECLARE
    s text;
    t text;
BEGIN
    FOR s IN SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm\_%' LOOP
        FOREACH t IN ARRAY ARRAY['inbox_event', 'person_day', 'lead_fact', 'ack_fact', 'loop_fact'] LOOP
            IF to_regclass(format('%I.%I', s, t)) IS NOT NULL THEN
                EXECUTE format('ALTER TABLE %I.%I SET (autovacuum_analyze_threshold = 100000)', s, t);
            END IF;
        END LOOP;
    END LOOP;
END
$$;
