package io.closedloop.leads.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.platform.tx.TransactionWrites;
import io.closedloop.platform.tx.TransactionWrites.Column;
import io.closedloop.platform.tx.TransactionWrites.Table;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A row changed through platform's {@code TransactionWrites.change} is written as far as it changed: its statement
 * sets the columns whose values differ from those the transaction read, and no other. Which columns an update set is
 * seen by triggers {@code AFTER UPDATE OF} each column, which fire when the column is set, whatever its value.
 */
@QuarkusTest
class ChangedColumnsTest {

    private static final Table PROBE = Table.of("changed_columns_probe", Column.of("id", "uuid"),
            Column.of("a", "text"), Column.of("b", "text"), Column.of("n", "bigint"));

    @Inject
    TransactionWrites writes;

    @Inject
    AgroalDataSource dataSource;

    private UUID id;

    @BeforeEach
    void setUp() throws SQLException {
        execute("""
                CREATE TABLE IF NOT EXISTS changed_columns_probe (id uuid PRIMARY KEY, a text, b text, n bigint);
                CREATE TABLE IF NOT EXISTS changed_columns_set (id uuid NOT NULL, seq bigserial, col text NOT NULL);
                CREATE OR REPLACE FUNCTION changed_columns_log() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO changed_columns_set (id, col) VALUES (NEW.id, TG_ARGV[0]); RETURN NULL; END $$;
                CREATE OR REPLACE TRIGGER set_a AFTER UPDATE OF a ON changed_columns_probe FOR EACH ROW
                    EXECUTE FUNCTION changed_columns_log('a');
                CREATE OR REPLACE TRIGGER set_b AFTER UPDATE OF b ON changed_columns_probe FOR EACH ROW
                    EXECUTE FUNCTION changed_columns_log('b');
                CREATE OR REPLACE TRIGGER set_n AFTER UPDATE OF n ON changed_columns_probe FOR EACH ROW
                    EXECUTE FUNCTION changed_columns_log('n');""");
        id = UUID.randomUUID();
        execute("INSERT INTO changed_columns_probe VALUES ('" + id + "', 'a0', 'b0', 0)");
    }

    @Test
    void only_the_columns_that_changed_are_set() throws SQLException {
        QuarkusTransaction.requiringNew().run(() -> writes.change(PROBE, row("a0", "b0", 0), row("a1", "b0", 1)));

        assertThat(stored()).containsExactly("a1", "b0", "1");
        assertThat(set()).containsExactlyInAnyOrder("a", "n");
    }

    @Test
    void every_column_is_set_by_an_update_that_read_nothing() throws SQLException {
        QuarkusTransaction.requiringNew().run(() -> writes.update(PROBE, row("a0", "b0", 1)));

        assertThat(stored()).containsExactly("a0", "b0", "1");
        assertThat(set()).containsExactlyInAnyOrder("a", "b", "n");
    }

    @Test
    void a_row_that_did_not_change_is_not_written() throws SQLException {
        QuarkusTransaction.requiringNew().run(() -> writes.change(PROBE, row("a0", "b0", 0), row("a0", "b0", 0)));

        assertThat(stored()).containsExactly("a0", "b0", "0");
        assertThat(set()).isEmpty();
    }

    @Test
    void a_row_that_did_not_change_is_not_written_beside_one_that_did() throws SQLException {
        UUID other = UUID.randomUUID();
        execute("INSERT INTO changed_columns_probe VALUES ('" + other + "', 'a0', 'b0', 0)");
        Object[] unchanged = {other, "a0", "b0", 0L};
        QuarkusTransaction.requiringNew().run(() -> {
            writes.change(PROBE, row("a0", "b0", 0), row("a1", "b0", 1));
            writes.change(PROBE, unchanged, unchanged.clone());
        });

        assertThat(set()).containsExactlyInAnyOrder("a", "n");
        id = other;
        assertThat(set()).as("the row that did not change").isEmpty();
    }

    @Test
    void a_second_change_of_the_row_is_compared_with_what_was_first_read() throws SQLException {
        // The second change is given the first one's values as read: compared with them, a would seem unchanged.
        QuarkusTransaction.requiringNew().run(() -> {
            writes.change(PROBE, row("a0", "b0", 0), row("a1", "b0", 1));
            writes.change(PROBE, row("a1", "b0", 1), row("a1", "b1", 2));
        });

        assertThat(stored()).containsExactly("a1", "b1", "2");
        assertThat(set()).containsExactlyInAnyOrder("a", "b", "n");
    }

    @Test
    void a_change_after_the_row_was_written_in_the_same_transaction_sets_every_column() throws SQLException {
        // a goes to a1 and is written (a read in the transaction needed it), then back to a0: compared with what was
        // read, a0 is no change, yet the database now holds a1.
        QuarkusTransaction.requiringNew().run(() -> {
            writes.change(PROBE, row("a0", "b0", 0), row("a1", "b0", 1));
            writes.flush();
            writes.change(PROBE, row("a0", "b0", 0), row("a0", "b1", 2));
        });

        assertThat(stored()).containsExactly("a0", "b1", "2");
    }

    private Object[] row(String a, String b, long n) {
        return new Object[] {id, a, b, n};
    }

    private List<String> stored() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT a, b, n::text FROM changed_columns_probe WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    /** The columns the row's updates set, each time one was. */
    private List<String> set() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT col FROM changed_columns_set WHERE id = ? ORDER BY seq")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
