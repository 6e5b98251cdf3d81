-- VACUUM of the outbox no longer gives its empty last pages back to the operating system. Every row of the outbox is
-- deleted within milliseconds of being published, so its last pages are often empty when VACUUM comes, and returning
-- them takes an ACCESS EXCLUSIVE lock on the table: every transaction that writes an event (an acknowledgment, an
-- intake, a consumer's batch) and the relay's claim wait for it. At 200 acknowledgments a second, 29 of leads-service's
-- 62 and 29 of feedback-service's 44 vacuums of the outbox in eight minutes did so (BENCHMARKS.md, issue 18, twelfth
-- session). The pages stay with the table and are filled again by the next events.
ALTER TABLE outbox_event SET (vacuum_truncate = false);
