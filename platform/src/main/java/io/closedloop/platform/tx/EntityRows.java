package io.closedloop.platform.tx;

import java.lang.reflect.Modifier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.closedloop.platform.tx.TransactionWrites.Column;
import jakarta.persistence.Transient;

/**
 * An entity as a row of its table, for a hot path that reads it with plain SQL and writes it back through
 * {@link TransactionWrites}, without the session's snapshot, dirty check and statement of its own. One list of fields
 * names every column once, each with how the entity's value is written to it and how a value read from it is set.
 *
 * @param <T> the entity; {@code create} makes an empty one to read a row into
 */
public final class EntityRows<T> {

    /** A column, how the entity's value is written to it, and how a value read from it is set on the entity. */
    public record Field<T>(Column column, Function<T, Object> value, BiConsumer<T, Object> read) {

        public static <T> Field<T> of(String name, String type, Function<T, Object> value, BiConsumer<T, Object> read) {
            return new Field<>(Column.of(name, type), value, read);
        }

        void readInto(T entity, ResultSet row, int index) throws SQLException {
            Object value = switch (column.type()) {
                case "uuid" -> row.getObject(index, UUID.class);
                case "bigint" -> row.getLong(index);
                case "integer" -> row.getInt(index);
                case "boolean" -> row.getBoolean(index);
                case "numeric" -> row.getBigDecimal(index);
                case "timestamptz" -> {
                    OffsetDateTime at = row.getObject(index, OffsetDateTime.class);
                    yield at == null ? null : at.toInstant();
                }
                default -> row.getString(index);
            };
            read.accept(entity, row.wasNull() ? null : value);
        }
    }

    private final List<Field<T>> fields;
    private final Supplier<T> create;
    private final TransactionWrites.Table table;
    private final String columns;

    /**
     * The first field is the table's key: {@link TransactionWrites#update} finds the row by it.
     *
     * @throws IllegalStateException when the fields do not name exactly the columns the entity maps, so that a column
     *                               added to the entity and not here fails at start-up, not as a lost value
     */
    public EntityRows(String table, Class<T> entity, Supplier<T> create, List<Field<T>> fields) {
        this.fields = List.copyOf(fields);
        List<String> named = this.fields.stream().map(f -> f.column().name()).sorted().toList();
        List<String> mapped = mappedColumns(entity);
        if (!named.equals(mapped)) {
            throw new IllegalStateException("The rows of " + table + " name " + named + " but " + entity.getSimpleName()
                    + " maps " + mapped);
        }
        this.create = create;
        this.table = new TransactionWrites.Table(table, this.fields.stream().map(Field::column).toList());
        this.columns = this.fields.stream().map(f -> f.column().name()).collect(Collectors.joining(", "));
    }

    /** The columns JPA maps for the entity's own fields: a field's {@code @Column} name, or the field's name. */
    static List<String> mappedColumns(Class<?> entity) {
        return Arrays.stream(entity.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                .filter(f -> !f.isAnnotationPresent(Transient.class) && !f.getName().startsWith("$$_hibernate"))
                .map(f -> {
                    jakarta.persistence.Column column = f.getAnnotation(jakarta.persistence.Column.class);
                    return column != null && !column.name().isEmpty() ? column.name() : f.getName();
                })
                .sorted().toList();
    }

    public TransactionWrites.Table table() {
        return table;
    }

    /** Every column, in the fields' order, as a select list: {@code "id, version, …"}. */
    public String columns() {
        return columns;
    }

    /** The entity of the result's current row, its columns selected as {@link #columns()} lists them. */
    public T read(ResultSet row) throws SQLException {
        T entity = create.get();
        for (int i = 0; i < fields.size(); i++) {
            fields.get(i).readInto(entity, row, i + 1);
        }
        return entity;
    }

    /** The entity's values in the table's column order. */
    public Object[] values(T entity) {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields.get(i).value().apply(entity);
        }
        return values;
    }
}
