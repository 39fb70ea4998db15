package org.plugin.contributor.support;

import java.util.Set;

import org.plugin.common.security.Caller;
import org.plugin.common.security.Roles;

/** Callers by persona, as {@code CurrentCaller} would read them from a token, for the fast tier. */
public final class Callers {

    private Callers() {
    }

    public static Caller user(String subject) {
        return new Caller(subject, "user-" + subject, "plugin-frontend", Set.of(Roles.USER), null);
    }

    public static Caller admin(String username) {
        return new Caller("sub-" + username, username, "plugin-frontend", Set.of(Roles.USER, Roles.ADMIN), null);
    }

    /** Another service, with client credentials: no username, the client id. */
    public static Caller service(String client) {
        return new Caller("service-account-" + client, null, client, Set.of(Roles.SERVICE), null);
    }
}
