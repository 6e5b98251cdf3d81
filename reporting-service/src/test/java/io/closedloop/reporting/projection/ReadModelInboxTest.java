package io.closedloop.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.platform.inbox.InboxCleanup;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The live read models' inbox is purged with the service's own: what is past retention goes, the rest stays. */
@QuarkusTest
class ReadModelInboxTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    @Inject
    InboxCleanup cleanup;

    @Test
    void ids_past_retention_are_forgotten_in_the_live_schema() throws SQLException {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        String inbox = readModel.live() + ".inbox_event";
        execute("INSERT INTO " + inbox + " (consumer, event_source, event_id, processed_at) VALUES "
                + "('test', 'test', '" + old + "', now() - interval '400 days'), ('test', 'test', '" + recent + "', now())");

        try {
            cleanup.purge();

            assertThat(count(inbox, old)).isZero();
            assertThat(count(inbox, recent)).isOne();
        } finally {
            // RebuildTest compares this inbox with a rebuilt one: leave nothing no topic holds.
            execute("DELETE FROM " + inbox + " WHERE consumer = 'test'");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.executeUpdate();
        }
    }

    private long count(String table, String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE event_id = ?")) {
            st.setString(1, eventId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
