package io.closedloop.reporting.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.agroal.api.AgroalDataSource;

/** Read-only queries on the read models, in one short transaction-less connection. */
public final class Sql {

    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    public static <T> List<T> list(AgroalDataSource dataSource, String sql, Rows<T> rows, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Instant instant) {
                    s.setTimestamp(i + 1, Timestamp.from(instant));
                } else if (p instanceof LocalDate date) {
                    s.setObject(i + 1, date);
                } else if (p instanceof String[] strings) {
                    s.setArray(i + 1, c.createArrayOf("text", strings));
                } else {
                    s.setObject(i + 1, p);
                }
            }
            List<T> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(rows.read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Read model query failed: " + e.getMessage(), e);
        }
    }

    /** The first instant of a day in the reporting zone. */
    public static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    public static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
