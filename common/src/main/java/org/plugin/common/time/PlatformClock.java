package org.plugin.common.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

/**
 * The one clock every service reads time from, in the operator's zone (Europe/Paris).
 * It runs with the system clock plus an offset that stays zero in production; tests, and a local
 * stack started with {@code plugin.clock.adjustable=true}, move it forward to prove deadlines.
 */
@Singleton
public class PlatformClock extends Clock {

    public static final ZoneId OPERATOR_ZONE = ZoneId.of("Europe/Paris");

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public PlatformClock() {
        this(Clock.system(OPERATOR_ZONE));
    }

    PlatformClock(Clock base) {
        this.base = base;
    }

    @Override
    public ZoneId getZone() {
        return OPERATOR_ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(base, offset.get()).withZone(zone);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    /** Today's date in the operator's zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(instant(), OPERATOR_ZONE);
    }

    /** Moves this clock forward (or back, with a negative duration); returns the new offset. */
    public Duration advance(Duration by) {
        return offset.updateAndGet(current -> current.plus(by));
    }

    /** Back to real time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    public Duration offset() {
        return offset.get();
    }
}
