package org.plugin.privacy.api;

/** One holder's part of an erasure job: not tried yet, failed (retried), confirmed. */
public enum StepStatus {
    PENDING, FAILED, CONFIRMED
}
