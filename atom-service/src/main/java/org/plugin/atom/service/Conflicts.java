package org.plugin.atom.service;

/** A race another transaction won: it stored the same unique key first (a repository's {@code DuplicateKey}). */
public final class Conflicts {

    private Conflicts() {
    }

    /** Thrown when a concurrent transaction inserted the same row first; the caller may retry once. */
    public static class RaceLost extends RuntimeException {
        public RaceLost(String what, Throwable cause) {
            super(what, cause);
        }
    }
}
