package org.plugin.contributor.support;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.inject.Vetoed;

import org.plugin.common.time.PlatformClock;

/** The platform clock stopped at an instant the test sets and moves: no waiting, no real time. */
@Vetoed
public class FixedClock extends PlatformClock {

    private Instant now;

    public FixedClock(Instant now) {
        this.now = now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void move(Duration by) {
        now = now.plus(by);
    }
}
