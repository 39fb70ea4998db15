package org.plugin.privacy.service;

/** Who is calling: the token subject and whether they are an admin. */
public record Caller(String subject, boolean admin) {

    public static final String SYSTEM = "system";
    public static final String REQUESTER = "requester";

    /** How the caller appears in histories: the requester is never named there, admins are. */
    public String actor(String requestSubject) {
        if (subject != null && subject.equals(requestSubject)) {
            return REQUESTER;
        }
        return admin ? "admin:" + subject : "user:" + subject;
    }

    public String adminName() {
        return "admin:" + subject;
    }
}
