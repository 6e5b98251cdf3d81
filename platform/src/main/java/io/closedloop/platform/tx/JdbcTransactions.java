package io.closedloop.platform.tx;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on a plain JDBC connection in one transaction: the connection's own, committed (or rolled back on any
 * failure) when it is in auto-commit, which it is left in again; otherwise the caller's, which the caller ends.
 */
public final class JdbcTransactions {

    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    @FunctionalInterface
    public interface Step<E extends Exception> {
        void run() throws E;
    }

    private JdbcTransactions() {
    }

    public static <T, E extends Exception> T inTransaction(Connection c, Work<T, E> work) throws SQLException, E {
        if (!c.getAutoCommit()) {
            return work.run();
        }
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (Exception e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    public static <E extends Exception> void inTransaction(Connection c, Step<E> step) throws SQLException, E {
        inTransaction(c, () -> {
            step.run();
            return null;
        });
    }
}
