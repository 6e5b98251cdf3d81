-- VACUUM of the outbox no longer gives its empty last pages back to the operating system. Every row of the outbox is
-- deleted within milliseconds of being published, so its last pages are often empty when VACUUM comes, and returning
-- them takes an ACCESS EXCLUSIVE lock on the table, which every transaction that writes an event (an acknowledgment,
-- an intake, a consumer's batch) and the relay's claim then wait for. At 200 acknowledgments a second, 58 of the 106
-- vacuums of the two outboxes in eight minutes truncated, 11 of them taking 50-250 ms, against at most 20 ms for those
-- that did not (BENCHMARKS.md, issue 18, twelfth session). End to end, the one same-hour pair measured did not tell
-- the two apart (p99 40.9 against 43.1 ms, within the runs' spread); the lock is avoided all the same. The pages stay
-- with the table and the next events fill them again.
ALTER TABLE outbox_event SET (vacuum_truncate = false);
