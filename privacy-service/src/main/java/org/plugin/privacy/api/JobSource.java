package org.plugin.privacy.api;

/** What started an erasure job. */
public enum JobSource {
    /** A deactivation pushed by contributor-service. */
    DEACTIVATION,
    /** An approved ERASURE request. */
    REQUEST
}
