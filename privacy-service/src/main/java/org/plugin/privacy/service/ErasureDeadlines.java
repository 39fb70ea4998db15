package org.plugin.privacy.service;

import java.time.Duration;
import java.time.Instant;

import org.plugin.common.error.DomainException;
import org.plugin.common.time.Deadlines;
import org.plugin.privacy.repository.ErasureJob;

/**
 * When an erasure must be done: one calendar month after the deactivation, same wall-clock time in the
 * operator's zone (Europe/Paris, across a change of summer time too), or by the due date of the
 * ERASURE request that asked for it; and whether a job is at risk of missing it.
 */
final class ErasureDeadlines {

    /** Bounds of a plausible deactivation instant (beyond them the deadline arithmetic and the database fail). */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private ErasureDeadlines() {
    }

    static void checkPlausible(Instant deactivatedAt) {
        if (deactivatedAt.isBefore(EARLIEST) || deactivatedAt.isAfter(LATEST)) {
            throw DomainException.invalid("deactivatedAt must be between " + EARLIEST + " and " + LATEST);
        }
    }

    /** The deadline of the erasure a deactivation starts. */
    static Instant afterDeactivation(Instant deactivatedAt) {
        return Deadlines.plusCalendarMonths(deactivatedAt, 1);
    }

    /** The deadline of the erasure an ERASURE request asked for: a calendar month after its receipt, plus its extensions. */
    static Instant ofRequest(Instant receivedAt, int extendedMonths) {
        return Deadlines.plusCalendarMonths(receivedAt, 1 + extendedMonths);
    }

    /** Not completed, and its deadline falls within {@code margin} of {@code now}. */
    static boolean atRisk(ErasureJob job, Instant now, Duration margin) {
        return job.status != ErasureJob.Status.COMPLETED && !now.plus(margin).isBefore(job.deadline);
    }
}
