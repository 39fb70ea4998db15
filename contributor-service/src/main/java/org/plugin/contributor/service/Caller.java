package org.plugin.contributor.service;

/**
 * Who is calling, as the token says: subject, display name (preferred_username), client (azp), and
 * whether the caller holds the admin role. Built by the resources, passed to the services.
 */
public record Caller(String subject, String name, String client, boolean admin) {

    private static final int MAX = 255;

    public Caller {
        subject = clip(subject);
        name = clip(name);
        client = clip(client);
    }

    /** How audit columns name an admin or a service that acted. */
    public String label() {
        if (name != null) {
            return clip("user:" + name);
        }
        return clip(subject != null ? "subject:" + subject : "client:" + client);
    }

    private static String clip(String value) {
        return value == null || value.length() <= MAX ? value : value.substring(0, MAX);
    }
}
