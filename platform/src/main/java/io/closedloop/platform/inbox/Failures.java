package io.closedloop.platform.inbox;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a failure that will pass (the database is restarting, a lock was contended) from one that will not (the
 * event is bad, or the code has a bug). The first is retried until it succeeds; the second dead-letters the event.
 */
public final class Failures {

    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03");
    private static final int MAX_DEPTH = 20;

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof PoisonEventException) {
                return false;
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof JDBCConnectionException || t instanceof OptimisticLockException
                    || t instanceof StaleStateException || t instanceof PessimisticLockException
                    || t instanceof LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            // Agroal reports an exhausted or unreachable pool without a SQL state.
            String message = String.valueOf(e.getMessage());
            return message.contains("Acquisition timeout") || message.contains("Connection refused");
        }
        // 08 connection exceptions, 53 insufficient resources, 57P operator intervention (e.g. server shutting down).
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || TRANSIENT_SQL_STATES.contains(state);
    }
}
