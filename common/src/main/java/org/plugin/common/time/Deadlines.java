package org.plugin.common.time;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Deadlines of the privacy notice. A calendar month is {@code plusMonths(1)} on the date in the
 * operator's zone (January 31st gives February 28th or 29th), never 30 days.
 */
public final class Deadlines {

    private Deadlines() {
    }

    /** The date, in the operator's zone, on which something received at {@code at} is due {@code months} later. */
    public static LocalDate dueDate(Instant at, int months) {
        return LocalDate.ofInstant(at, PlatformClock.OPERATOR_ZONE).plusMonths(months);
    }

    /** The instant {@code months} calendar months after {@code at}, same wall-clock time in the operator's zone. */
    public static Instant plusCalendarMonths(Instant at, int months) {
        return at.atZone(PlatformClock.OPERATOR_ZONE).plusMonths(months).toInstant();
    }
}
