package org.plugin.common.security;

import java.util.Set;

/**
 * Who is calling, as their validated token says, in the same shape in every service: the subject
 * ({@code sub}), the username shown to admins ({@code preferred_username}), the client the token was
 * issued to ({@code azp}), the realm roles, and for a CI client the contributor it publishes for
 * ({@link Roles#CI_CONTRIBUTOR_CLAIM}). Services take it from {@link CurrentCaller} and decide
 * authorization with it; values longer than audit columns hold (255) are clipped.
 */
public record Caller(String subject, String username, String client, Set<String> roles, String ciContributor) {

    private static final int MAX = 255;

    public Caller {
        subject = clip(subject);
        username = clip(username);
        client = clip(client);
        ciContributor = clip(ciContributor);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean admin() {
        return hasRole(Roles.ADMIN);
    }

    public boolean service() {
        return hasRole(Roles.SERVICE);
    }

    public boolean ci() {
        return hasRole(Roles.CI);
    }

    /** How audit columns name the caller: the username, else the subject, else the client. */
    public String label() {
        if (username != null) {
            return clip("user:" + username);
        }
        return clip(subject != null ? "subject:" + subject : "client:" + client);
    }

    private static String clip(String value) {
        return value == null || value.length() <= MAX ? value : value.substring(0, MAX);
    }
}
