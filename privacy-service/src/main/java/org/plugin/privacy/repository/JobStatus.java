package org.plugin.privacy.repository;

/** Erasure job states: waiting for its time, being run by a replica, waiting for a retry, done. */
public enum JobStatus {
    SCHEDULED, RUNNING, RETRYING, COMPLETED
}
