package org.plugin.atom.repository;

import jakarta.persistence.PersistenceException;

import org.plugin.common.persistence.UniqueViolations;

/**
 * A row was not stored because a concurrent transaction stored one with the same unique key first
 * (the unique index decides races that a pre-check cannot). The service decides what it means: a
 * taken name (409), or a race to retry.
 */
public class DuplicateKey extends RuntimeException {

    private final String constraint;

    public DuplicateKey(String constraint, Throwable cause) {
        super("unique key " + constraint + " taken", cause);
        this.constraint = constraint;
    }

    public String constraint() {
        return constraint;
    }

    /** Runs a write (that flushes); a violation of the unique {@code constraint} comes out as a {@link DuplicateKey}. */
    static void on(String constraint, Runnable write) {
        try {
            write.run();
        } catch (PersistenceException e) {
            if (UniqueViolations.isUniqueViolation(e, constraint)) {
                throw new DuplicateKey(constraint, e);
            }
            throw e;
        }
    }
}
