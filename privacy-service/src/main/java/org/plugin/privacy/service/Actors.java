package org.plugin.privacy.service;

/**
 * How a request's history and the registers name who acted: the service itself, the requester, or
 * an admin by their token subject. The requester is never named: their subject is the request's.
 */
public final class Actors {

    /** The service, on its own (the request worker, an erasure job). */
    public static final String SYSTEM = "system";

    /** The person who filed the request. */
    public static final String REQUESTER = "requester";

    private static final String ADMIN = "admin:";

    private Actors() {
    }

    /** An admin, by the subject of their token. */
    public static String admin(String subject) {
        return ADMIN + subject;
    }
}
