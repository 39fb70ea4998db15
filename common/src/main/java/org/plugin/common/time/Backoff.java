package org.plugin.common.time;

import java.time.Duration;

/** Exponential backoff: {@code initial}, then doubled after each failure, never above {@code max}. */
public record Backoff(Duration initial, Duration max) {

    /** The wait after the {@code failures}-th consecutive failure (1 for the first). */
    public Duration after(int failures) {
        return after(failures, initial, max);
    }

    /** The wait after the {@code failures}-th consecutive failure (1 for the first). */
    public static Duration after(int failures, Duration initial, Duration max) {
        if (failures <= 1) {
            return initial.compareTo(max) > 0 ? max : initial;
        }
        int doublings = Math.min(failures - 1, 30);
        Duration wait = initial;
        for (int i = 0; i < doublings; i++) {
            wait = wait.multipliedBy(2);
            if (wait.compareTo(max) >= 0) {
                return max;
            }
        }
        return wait;
    }
}
