package org.plugin.privacy.api;

/** Erasure job states: waiting for its time, being run by a replica, waiting for a retry, done. */
public enum JobStatus {
    SCHEDULED, RUNNING, RETRYING, COMPLETED
}
