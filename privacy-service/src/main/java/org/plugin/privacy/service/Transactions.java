package org.plugin.privacy.service;

import java.util.function.Supplier;

import jakarta.persistence.PersistenceException;

import org.hibernate.exception.ConstraintViolationException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Inserts that may lose a race against another request or replica. */
final class Transactions {

    private Transactions() {
    }

    /**
     * Runs {@code insert} in its own transaction; if a unique constraint refuses it (someone else
     * inserted the same thing meanwhile), runs {@code existing} in a new transaction instead.
     */
    static <T> T insertOrGet(Supplier<T> insert, Supplier<T> existing) {
        try {
            return QuarkusTransaction.requiringNew().call(insert::get);
        } catch (RuntimeException e) {
            if (!uniqueViolation(e)) {
                throw e;
            }
            return QuarkusTransaction.requiringNew().call(existing::get);
        }
    }

    static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException c) {
                return "23505".equals(c.getSQLState()) || c.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE;
            }
            if (t instanceof java.sql.SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
            if (t instanceof PersistenceException && t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
