package org.plugin.privacy.api;

/** A contact request waiting for the operator, relayed to the contributor, or declined. */
public enum ContactStatus {
    PENDING, RELAYED, DECLINED
}
