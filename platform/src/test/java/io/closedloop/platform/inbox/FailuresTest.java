package io.closedloop.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void outages_and_contention_pass_so_they_are_retried() {
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("refused", "08001")))).isTrue();
        assertThat(Failures.isTransient(new SQLException("admin shutdown", "57P01"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("serialization", "40001"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(Failures.isTransient(new SQLTransientConnectionException("pool"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("Acquisition timeout while waiting for new connection"))).isTrue();
        assertThat(Failures.isTransient(new IllegalStateException(new OptimisticLockException("stale")))).isTrue();
    }

    @Test
    void bad_events_and_bugs_do_not_pass_so_they_are_dead_lettered() {
        assertThat(Failures.isTransient(new PoisonEventException("bad"))).isFalse();
        assertThat(Failures.isTransient(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Failures.isTransient(new NullPointerException())).isFalse();
        assertThat(Failures.isTransient(new PoisonEventException("bad", new SQLException("x", "08001")))).isFalse();
    }
}
