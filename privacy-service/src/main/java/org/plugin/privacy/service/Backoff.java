package org.plugin.privacy.service;

import java.time.Duration;

/** Exponential backoff: {@code initial * 2^(attempt-1)}, capped. */
public final class Backoff {

    private Backoff() {
    }

    public static Duration delay(int attempt, Duration initial, Duration max) {
        int exponent = Math.max(0, Math.min(attempt - 1, 20));
        Duration delay = initial.multipliedBy(1L << exponent);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
