-- A batch of lead events can open a loop and echo on it in one transaction, and Hibernate sends the inserts grouped
-- per table, not in the order they were made: the echo's reference to its loop is checked at commit.
ALTER TABLE echo ALTER CONSTRAINT echo_loop_id_fkey DEFERRABLE INITIALLY DEFERRED;
