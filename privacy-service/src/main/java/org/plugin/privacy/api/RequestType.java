package org.plugin.privacy.api;

/** The rights of the notice, as request types. */
public enum RequestType {
    ACCESS, PORTABILITY, RECTIFICATION, RESTRICTION, OBJECTION, ERASURE
}
