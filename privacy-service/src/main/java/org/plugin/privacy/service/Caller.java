package org.plugin.privacy.service;

/** Who is calling: the token subject and whether they are an admin. Histories name admins, never the requester. */
public record Caller(String subject, boolean admin) {

    public static final String SYSTEM = "system";
    public static final String REQUESTER = "requester";

    public String adminName() {
        return "admin:" + subject;
    }
}
