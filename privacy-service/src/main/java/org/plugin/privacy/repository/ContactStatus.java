package org.plugin.privacy.repository;

public enum ContactStatus {
    PENDING, RELAYED, DECLINED
}
