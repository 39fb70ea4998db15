package org.plugin.privacy.api;

/** Where a request stands: RECEIVED and IN_PROGRESS are open, COMPLETED and REJECTED closed. */
public enum RequestStatus {
    RECEIVED, IN_PROGRESS, COMPLETED, REJECTED
}
