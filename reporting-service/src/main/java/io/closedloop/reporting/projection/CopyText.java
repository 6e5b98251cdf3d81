package io.closedloop.reporting.projection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into a table with {@code COPY … FROM STDIN} in its text format: values tab-separated and escaped,
 * {@code \N} for null, written a buffer at a time, so PostgreSQL takes in one buffer while the next is formatted.
 */
final class CopyText {

    private final CopyIn copy;
    private final int flushChars;
    private final StringBuilder rows;
    private boolean rowStarted;

    private CopyText(CopyIn copy, int flushChars) {
        this.copy = copy;
        this.flushChars = flushChars;
        this.rows = new StringBuilder(flushChars + 4096);
    }

    /** Starts {@code copy} (a {@code COPY … FROM STDIN} statement) on {@code c}, which serves it alone until closed. */
    static CopyText open(Connection c, String copy, int flushChars) throws SQLException {
        return new CopyText(c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy), flushChars);
    }

    /** The next value of the current row; null for SQL's null. */
    CopyText value(String value) {
        separated().append(value == null ? "\\N" : escaped(value));
        return this;
    }

    // Numbers and booleans need no escaping, and no String of their own: a million rows of a rebuild have several each.
    CopyText value(long value) {
        separated().append(value);
        return this;
    }

    /** A number, or SQL's null. */
    CopyText value(Integer value) {
        if (value == null) {
            separated().append("\\N");
        } else {
            separated().append(value.intValue());
        }
        return this;
    }

    CopyText value(boolean value) {
        separated().append(value ? 't' : 'f');
        return this;
    }

    private StringBuilder separated() {
        if (rowStarted) {
            rows.append('\t');
        }
        rowStarted = true;
        return rows;
    }

    /** Ends the current row. */
    void endRow() {
        rows.append('\n');
        rowStarted = false;
    }

    /** Writes what is buffered once it has grown to a buffer's worth. */
    void flushIfFull() throws SQLException {
        if (rows.length() >= flushChars) {
            flush();
        }
    }

    /** Writes what is left and ends the stream: every row is in the table. */
    void close() throws SQLException {
        flush();
        copy.endCopy();
    }

    /** Gives up the stream, so the connection can be used (or returned) again. */
    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // The connection is closed next; nothing more to undo.
        }
    }

    private void flush() throws SQLException {
        if (!rows.isEmpty()) {
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            rows.setLength(0);
        }
    }

    /** A value in COPY's text format: backslash, tab and line breaks escaped. */
    static String escaped(String value) {
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            char ch = value.charAt(i);
            plain = ch != '\\' && ch != '\t' && ch != '\n' && ch != '\r';
        }
        if (plain) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
