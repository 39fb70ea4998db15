package org.plugin.privacy.repository;

public enum JobSource {
    /** A deactivation pushed by contributor-service. */
    DEACTIVATION,
    /** An approved ERASURE request. */
    REQUEST
}
