package io.closedloop.platform.tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.WireInstants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.Session;

/**
 * The rows a transaction derives from its change — the events for the outbox, the history entries, the timers it
 * schedules and cancels — written together in <em>one</em> statement just before it commits, instead of one
 * statement each as they come: a lead taken in and routed derives eight such rows, and each statement is a round trip
 * to PostgreSQL. The entities the rows refer to are flushed first (Hibernate's own writes), so foreign keys hold. A
 * hot path may also change a row it read and locked itself ({@link #change}, as far as it changed), in the same
 * statement.
 *
 * <p>Set-based: each table's rows travel as one array per column ({@code unnest}), each deletion's keys likewise, all
 * in data-modifying {@code WITH} clauses of a single statement. Deletions and insertions of one statement see the same
 * snapshot, so a timer cancelled and scheduled again in one transaction loses its old rows and keeps its new one.
 * Rows are inserted in the order they were added, so identity columns (the outbox's order) follow it. The statement
 * asks for its generic plan ({@link GenericPlans}): planned with the actual arrays, it was planned at every execution.
 */
@ApplicationScoped
public class TransactionWrites {

    /** A table rows are written to: its name and the columns given, each with its SQL type. */
    public record Table(String name, List<Column> columns) {

        public Table {
            columns = List.copyOf(columns);
        }

        public static Table of(String name, Column... columns) {
            return new Table(name, List.of(columns));
        }
    }

    public record Column(String name, String type) {

        public static Column of(String name, String type) {
            return new Column(name, type);
        }
    }

    private final TransactionSynchronizationRegistry transactions;
    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;

    TransactionWrites(TransactionSynchronizationRegistry transactions, EntityManager entityManager, AgroalDataSource dataSource) {
        this.transactions = transactions;
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /** Adds a row to write before the current transaction commits; {@code values} in the table's column order. */
    public void insert(Table table, Object... values) {
        requireRow(table, values);
        pending().inserts.computeIfAbsent(table, t -> new ArrayList<>()).add(values.clone());
    }

    /**
     * Replaces, before the current transaction commits, every column of the row of {@code table} whose first column
     * (its key) equals {@code values[0]}; a later update of the same row in this transaction replaces this one. For a
     * row the transaction holds locked: nothing is compared but the key.
     */
    public void update(Table table, Object... values) {
        requireRow(table, values);
        pending().change(table, null, values);
    }

    /**
     * Writes, before the current transaction commits, the columns of the row of {@code table} keyed {@code now[0]}
     * whose values differ from {@code read}, the values the transaction read and locked it with; the others stay as
     * they are. PostgreSQL is then sent, and sets, only what changed: an acknowledgment changes 6 of a lead's 41
     * columns, and the whole row cost its statement a fifth more of the server's CPU (measured by hand, BENCHMARKS.md).
     * A later change of the same row in this transaction replaces this one and is compared with the values first read.
     * With {@code read} null (the row's values are not known), every column is written, as by {@link #update}.
     */
    public void change(Table table, Object[] read, Object[] now) {
        if (read != null) {
            requireRow(table, read);
        }
        requireRow(table, now);
        pending().change(table, read, now);
    }

    private static void requireRow(Table table, Object[] values) {
        if (values.length != table.columns().size()) {
            throw new IllegalArgumentException(table.name() + " takes " + table.columns().size() + " values, not "
                    + values.length);
        }
    }

    /** Deletes, before the current transaction commits, the rows of {@code table} whose {@code keys} equal these. */
    public void delete(Table table, List<String> keys, Object... values) {
        if (values.length != keys.size()) {
            throw new IllegalArgumentException("one value per key column");
        }
        pending().deletes.computeIfAbsent(new Deletion(table.name(), List.copyOf(keys)), d -> new ArrayList<>())
                .add(values.clone());
    }

    /** Forgets rows added to {@code table} in this transaction and not yet written that match; returns how many. */
    public int forget(Table table, Predicate<Object[]> row) {
        Pending pending = (Pending) transactions.getResource(TransactionWrites.class);
        if (pending == null || !pending.inserts.containsKey(table)) {
            return 0;
        }
        List<Object[]> rows = pending.inserts.get(table);
        int before = rows.size();
        rows.removeIf(row);
        return before - rows.size();
    }

    /** Writes what is pending now: before a read in the same transaction that must see it. */
    public void flush() {
        Pending pending = (Pending) transactions.getResource(TransactionWrites.class);
        if (pending != null) {
            pending.write();
        }
    }

    private Pending pending() {
        Pending pending = (Pending) transactions.getResource(TransactionWrites.class);
        if (pending == null) {
            // The transaction's session joins it now, before these rows are registered to be written: its own flush
            // then comes first at commit, and no session is opened (and joined) while the transaction completes.
            entityManager.unwrap(Session.class).joinTransaction();
            pending = new Pending();
            transactions.putResource(TransactionWrites.class, pending);
            Pending registered = pending;
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    registered.write();
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
        }
        return pending;
    }

    private record Deletion(String table, List<String> keys) {
    }

    /** A row to update: its values as read (null: write every column) and now. */
    private record Change(Object[] read, Object[] now) {

        /** Whether column {@code index} is to be written. */
        boolean writes(int index) {
            return read == null || !Objects.equals(read[index], now[index]);
        }

        /** Whether the row is to be written at all: a row whose values did not change is not. */
        boolean changed() {
            for (int c = 1; c < now.length; c++) {
                if (writes(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One transaction's rows not yet written. */
    private final class Pending {

        private final Map<Table, List<Object[]>> inserts = new LinkedHashMap<>();
        private final Map<Deletion, List<Object[]>> deletes = new LinkedHashMap<>();
        private final Map<Table, Map<Object, Change>> updates = new LinkedHashMap<>();
        /**
         * Rows an earlier write of this transaction updated, as (table, key): what they were read with is no longer
         * what the database holds, so a later change of one writes every column.
         */
        private final Set<List<Object>> written = new HashSet<>();

        void change(Table table, Object[] read, Object[] now) {
            Map<Object, Change> rows = updates.computeIfAbsent(table, t -> new LinkedHashMap<>());
            Change earlier = rows.get(now[0]);
            Object[] base = written.contains(List.of(table.name(), now[0])) ? null
                    : earlier != null ? earlier.read() : read;
            rows.put(now[0], new Change(base == null ? null : base.clone(), now.clone()));
        }

        void write() {
            if (inserts.values().stream().allMatch(List::isEmpty) && deletes.isEmpty() && updates.isEmpty()) {
                return;
            }
            Session session = entityManager.unwrap(Session.class);
            // The entities these rows refer to (a new lead, say) go first, whichever was registered first.
            session.flush();
            StatementPlan plan = plan();
            updates.forEach((table, rows) -> rows.keySet().forEach(key -> written.add(List.of(table.name(), key))));
            inserts.clear();
            deletes.clear();
            updates.clear();
            if (plan == null) {
                return;
            }
            // The transaction's own connection (the pool hands out the one enlisted in it), closed again at once: at
            // commit Hibernate has already given its handle back, and one taken through the session now would still
            // be open when the pool checks — "Closing open connection(s) prior to commit", a warning written to the
            // log at every commit (1.2% of leads-service's and 1.9% of feedback-service's CPU at 200 acknowledgments/s,
            // in the flight recorder, and an operator's question).
            try (Connection connection = dataSource.getConnection()) {
                plan.execute(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("The transaction's derived rows were not written: " + e.getMessage(), e);
            }
        }

        /** The one statement for what is pending, or null when nothing is to be written. */
        private StatementPlan plan() {
            StringBuilder sql = new StringBuilder("WITH ");
            List<String[]> arrays = new ArrayList<>();
            int clause = 0;
            for (Map.Entry<Deletion, List<Object[]>> deletion : deletes.entrySet()) {
                List<String> keys = deletion.getKey().keys();
                if (clause > 0) {
                    sql.append(", ");
                }
                sql.append('d').append(clause++).append(" AS (DELETE FROM ").append(deletion.getKey().table())
                        .append(" WHERE (").append(String.join(", ", keys)).append(") IN (SELECT * FROM unnest(");
                for (int k = 0; k < keys.size(); k++) {
                    sql.append(k == 0 ? "" : ", ").append("?::text[]");
                    arrays.add(column(deletion.getValue(), k));
                }
                sql.append(")))");
            }
            for (Map.Entry<Table, Map<Object, Change>> update : updates.entrySet()) {
                Table table = update.getKey();
                // One clause per table: the columns any of its rows changed, in the table's order (a row that did not
                // change one of them is given its own value again), so the statement's text, and with it the
                // server's prepared plan, depends on which columns changed, not on which row came first.
                List<Integer> changed = new ArrayList<>();
                for (int c = 1; c < table.columns().size(); c++) {
                    int index = c;
                    if (update.getValue().values().stream().anyMatch(row -> row.writes(index))) {
                        changed.add(c);
                    }
                }
                if (changed.isEmpty()) {
                    continue;
                }
                List<Object[]> rows = update.getValue().values().stream().filter(Change::changed).map(Change::now)
                        .toList();
                if (clause > 0) {
                    sql.append(", ");
                }
                sql.append('u').append(clause++).append(" AS (UPDATE ").append(table.name()).append(" t SET ");
                for (int i = 0; i < changed.size(); i++) {
                    Column column = table.columns().get(changed.get(i));
                    sql.append(i == 0 ? "" : ", ").append(column.name()).append(" = v.c").append(i + 1).append("::")
                            .append(column.type());
                }
                sql.append(" FROM unnest(?::text[]");
                arrays.add(column(rows, 0));
                for (int index : changed) {
                    sql.append(", ?::text[]");
                    arrays.add(column(rows, index));
                }
                sql.append(") AS v(c0");
                for (int i = 0; i < changed.size(); i++) {
                    sql.append(", c").append(i + 1);
                }
                Column key = table.columns().get(0);
                sql.append(") WHERE t.").append(key.name()).append(" = v.c0::").append(key.type()).append(')');
            }
            for (Map.Entry<Table, List<Object[]>> insert : inserts.entrySet()) {
                if (insert.getValue().isEmpty()) {
                    continue;
                }
                Table table = insert.getKey();
                List<String> names = table.columns().stream().map(Column::name).toList();
                if (clause > 0) {
                    sql.append(", ");
                }
                sql.append('i').append(clause++).append(" AS (INSERT INTO ").append(table.name()).append(" (")
                        .append(String.join(", ", names)).append(") SELECT ");
                typedColumns(sql, table, "u");
                sql.append(" FROM ");
                unnest(sql, arrays, insert.getValue(), names.size());
                sql.append(" WITH ORDINALITY AS u(");
                for (int c = 0; c < names.size(); c++) {
                    sql.append('c').append(c).append(", ");
                }
                sql.append("n) ORDER BY u.n)");
            }
            if (clause == 0) {
                return null;
            }
            sql.append(" SELECT 1");
            return new StatementPlan(GenericPlans.before(sql.toString()), arrays);
        }

        /** {@code alias.c0::type0, alias.c1::type1, …}: the unnested columns cast to the table's types. */
        private static void typedColumns(StringBuilder sql, Table table, String alias) {
            for (int c = 0; c < table.columns().size(); c++) {
                sql.append(c == 0 ? "" : ", ").append(alias).append(".c").append(c).append("::")
                        .append(table.columns().get(c).type());
            }
        }

        /** {@code unnest(?, ?, …)} with one text array per column of the rows, added to the statement's arrays. */
        private static void unnest(StringBuilder sql, List<String[]> arrays, List<Object[]> rows, int columns) {
            sql.append("unnest(");
            for (int c = 0; c < columns; c++) {
                sql.append(c == 0 ? "" : ", ").append("?::text[]");
                arrays.add(column(rows, c));
            }
            sql.append(')');
        }

        private static String[] column(List<Object[]> rows, int index) {
            String[] values = new String[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                Object value = rows.get(r)[index];
                values[r] = value == null ? null : value instanceof java.math.BigDecimal d ? d.toPlainString()
                        : value instanceof java.time.Instant at ? WireInstants.format(at)
                        : value.toString();
            }
            return values;
        }
    }

    /** The one statement and its arrays. */
    record StatementPlan(String sql, List<String[]> arrays) {

        void execute(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < arrays.size(); i++) {
                    statement.setArray(i + 1, connection.createArrayOf("text", arrays.get(i)));
                }
                statement.execute();
            }
        }
    }
}
