package org.plugin.common.persistence;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a database that cannot be reached (stopped, restarting, refusing connections, the pool
 * unable to get one) from a statement the database refused: the first is the service's outage, to
 * be answered 503 and retried later, the second the request's fault or a bug.
 */
public final class DatabaseOutage {

    /** Errors examined at most in one error (causes and suppressed ones): bounds a pathological graph. */
    private static final int MAX_EXAMINED = 64;

    private DatabaseOutage() {
    }

    /**
     * True when something in the error says the database could not be reached: its causes, and the
     * errors suppressed in it with theirs. A commit that fails because the connection is lost reaches
     * the caller as the transaction manager's {@code RollbackException} (or a heuristic outcome) with
     * no cause: Narayana attaches the connection's {@code XAException}, whose cause is the driver's
     * error, as a suppressed exception. The XA error code says nothing here (Agroal gives one code to
     * every failed commit, a refused deferred constraint as a lost connection): the driver's error
     * decides.
     */
    public static boolean isOutage(Throwable error) {
        return anyOf(error, DatabaseOutage::unreachable);
    }

    /**
     * True when the outage struck the commit itself: the transaction manager reports the commit
     * failed ({@code RollbackException}, or a heuristic outcome) with the lost connection in it. The
     * database may have committed before the connection went, so whether the change was saved is
     * not known; a failure before the commit changed nothing.
     */
    public static boolean struckTheCommit(Throwable error) {
        return isOutage(error) && anyOf(error, t -> t instanceof RollbackException
                || t instanceof HeuristicMixedException || t instanceof HeuristicRollbackException);
    }

    /** Whether the error, one of its causes or one of the errors suppressed in them matches. */
    private static boolean anyOf(Throwable error, Predicate<Throwable> test) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (error != null) {
            pending.add(error);
        }
        while (!pending.isEmpty() && seen.size() < MAX_EXAMINED) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (test.test(t)) {
                return true;
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(Arrays.asList(t.getSuppressed()));
        }
        return false;
    }

    private static boolean unreachable(Throwable t) {
        if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
                || t instanceof ConnectException) {
            return true;
        }
        return t instanceof SQLException sql && (unreachableState(sql.getSQLState()) || poolExhausted(sql));
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
