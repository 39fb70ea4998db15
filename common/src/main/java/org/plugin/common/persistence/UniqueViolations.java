package org.plugin.common.persistence;

import java.sql.SQLException;
import java.util.Optional;

import org.hibernate.exception.ConstraintViolationException;

/**
 * Recognizes a unique-index violation (SQLSTATE 23505) among an exception's causes: the way a
 * transaction learns that a concurrent one inserted the same row first. Pre-checks give clear
 * answers in the common case; the unique indexes decide races, and callers turn these into the
 * same 409 (or fetch the winner's row) instead of a 500.
 */
public final class UniqueViolations {

    public static final String SQL_STATE = "23505";

    private UniqueViolations() {
    }

    /** The violated constraint's name (empty string when the driver did not say), if {@code e} is a unique violation. */
    public static Optional<String> violatedConstraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException c
                    && (SQL_STATE.equals(c.getSQLState()) || c.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE)) {
                return Optional.of(c.getConstraintName() == null ? "" : c.getConstraintName());
            }
            if (t instanceof SQLException s && SQL_STATE.equals(s.getSQLState())) {
                return Optional.of("");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    public static boolean isUniqueViolation(Throwable e) {
        return violatedConstraint(e).isPresent();
    }

    /** True if {@code e} is a violation of the unique constraint or index named {@code constraint}. */
    public static boolean isUniqueViolation(Throwable e, String constraint) {
        return violatedConstraint(e).filter(name -> name.contains(constraint)).isPresent();
    }
}
