package org.plugin.common.persistence;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a database that cannot be reached (stopped, restarting, refusing connections, the pool
 * unable to get one) from a statement the database refused: the first is the service's outage, to
 * be answered 503 and retried later, the second the request's fault or a bug.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /** True when something in the cause chain says the database could not be reached. */
    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && (unreachableState(sql.getSQLState()) || poolExhausted(sql))) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQL states of an unreachable database: class 08 (connection exception), 57P01-57P03 (the
     * server shutting down, crashed, or still starting), 53300 (no connection slot left).
     */
    static boolean unreachableState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300"));
    }

    /** Agroal's pool gave up waiting for a connection: it has none and cannot open one. */
    static boolean poolExhausted(SQLException e) {
        String message = e.getMessage();
        return e.getSQLState() == null && message != null
                && message.toLowerCase(Locale.ROOT).startsWith("acquisition timeout");
    }
}
