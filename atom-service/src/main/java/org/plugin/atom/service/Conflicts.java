package org.plugin.atom.service;

import java.sql.SQLException;

/** Recognizes a unique-constraint violation (a race another transaction won) among an exception's causes. */
public final class Conflicts {

    private Conflicts() {
    }

    /** Thrown when a concurrent transaction inserted the same row first; the caller may retry once. */
    public static class RaceLost extends RuntimeException {
        public RaceLost(String what, Throwable cause) {
            super(what, cause);
        }
    }

    public static boolean isUniqueViolation(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException cve && cve.getConstraintName() != null
                    && cve.getConstraintName().contains(constraint)) {
                return true;
            }
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState()) && String.valueOf(sql.getMessage()).contains(constraint)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
