package org.plugin.privacy.repository;

public enum StepStatus {
    PENDING, FAILED, CONFIRMED
}
