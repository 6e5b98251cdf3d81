package io.closedloop.leads.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import io.agroal.api.AgroalDataSource;
import io.closedloop.leads.support.Api;
import io.closedloop.platform.timer.Timers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.Test;

/**
 * The rows a transaction derives are written as it commits (platform's TransactionWrites): on the transaction's own
 * connection, so they go or stay with it, and with nothing left open for the pool to close behind them.
 */
@QuarkusTest
class DerivedRowsAtCommitTest {

    @Inject
    Timers timers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry registry;

    @Test
    void rows_written_at_commit_are_undone_when_the_commit_fails_after_them() {
        String ref = Api.unique("undone");
        String kind = timers.kinds().get(0);
        AtomicLong seenInside = new AtomicLong(-1);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            timers.schedule(kind, ref, Instant.now().plusSeconds(3_600), null);
            // Registered after the derived rows' own synchronization: it runs once they are written, then refuses.
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    seenInside.set(count(ref));
                    throw new IllegalStateException("refused after the derived rows were written");
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
        })).isInstanceOf(RuntimeException.class);

        assertThat(seenInside).as("the timer row, seen from inside the transaction before it failed").hasValue(1);
        assertThat(count(ref)).as("the timer row after the rollback").isZero();
    }

    @Test
    void writing_at_commit_leaves_no_connection_for_the_pool_to_close() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(new SimpleFormatter().formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger pool = Logger.getLogger("io.agroal.pool");
        pool.addHandler(handler);
        try {
            for (int i = 0; i < 5; i++) {
                String ref = Api.unique("closed");
                QuarkusTransaction.requiringNew().run(() -> timers.schedule(timers.kinds().get(0), ref,
                        Instant.now().plusSeconds(3_600), null));
                assertThat(count(ref)).isOne();
                QuarkusTransaction.requiringNew().run(() -> timers.cancel(ref, timers.kinds().get(0)));
            }
        } finally {
            pool.removeHandler(handler);
        }
        assertThat(warnings).isEmpty();
    }

    /** From inside a transaction, the pool's connection enlisted in it; outside, a connection of its own. */
    private long count(String ref) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM timer WHERE ref = ?")) {
            s.setString(1, ref);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
