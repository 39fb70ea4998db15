package org.plugin.privacy.repository;

import java.util.List;

public enum RequestStatus {
    RECEIVED, IN_PROGRESS, COMPLETED, REJECTED;

    public static final List<RequestStatus> OPEN = List.of(RECEIVED, IN_PROGRESS);

    public boolean open() {
        return OPEN.contains(this);
    }
}
