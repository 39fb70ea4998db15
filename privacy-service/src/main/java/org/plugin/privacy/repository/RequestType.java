package org.plugin.privacy.repository;

/** The rights of the notice, as request types. */
public enum RequestType {
    ACCESS, PORTABILITY, RECTIFICATION, RESTRICTION, OBJECTION, ERASURE;

    /** Types fulfilled by the service on its own, without an admin's decision. */
    public boolean automatic() {
        return this == ACCESS || this == PORTABILITY || this == RECTIFICATION;
    }

    /** Types whose approval sets a restriction of processing in the other services. */
    public boolean restricts() {
        return this == RESTRICTION || this == OBJECTION;
    }
}
