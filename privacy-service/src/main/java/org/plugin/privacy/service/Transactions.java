package org.plugin.privacy.service;

import java.util.function.Supplier;

import org.plugin.common.persistence.UniqueViolations;

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
            if (!UniqueViolations.isUniqueViolation(e)) {
                throw e;
            }
            return QuarkusTransaction.requiringNew().call(existing::get);
        }
    }
}
