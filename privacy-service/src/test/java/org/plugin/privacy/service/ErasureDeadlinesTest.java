package org.plugin.privacy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.privacy.support.UnitFixtures.refusal;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plugin.common.error.DomainException;
import org.plugin.privacy.repository.ErasureJob;
import org.plugin.privacy.support.UnitFixtures;

/** When an erasure is due: a calendar month in Europe/Paris, across month ends and changes of summer time. */
@Tag(UnitFixtures.UNIT)
class ErasureDeadlinesTest {

    @Test
    void aMonthAfterTheDeactivationAtTheSameTimeOfDayInParis() {
        // 11:00 in Paris in winter (UTC+1), 11:00 in Paris in summer (UTC+2): an hour less than 31 days
        assertThat(ErasureDeadlines.afterDeactivation(Instant.parse("2026-03-15T10:00:00Z"))).isEqualTo(Instant.parse("2026-04-15T09:00:00Z"));
        // and back: an hour more
        assertThat(ErasureDeadlines.afterDeactivation(Instant.parse("2026-10-15T09:00:00Z"))).isEqualTo(Instant.parse("2026-11-15T10:00:00Z"));
    }

    @Test
    void theEndOfAShorterMonthAndItsDateInParis() {
        assertThat(ErasureDeadlines.afterDeactivation(Instant.parse("2026-01-31T12:00:00Z"))).isEqualTo(Instant.parse("2026-02-28T12:00:00Z"));
        // 23:30 UTC on January 30th is January 31st in Paris: due the last day of February, 00:30 in Paris
        assertThat(ErasureDeadlines.afterDeactivation(Instant.parse("2026-01-30T23:30:00Z"))).isEqualTo(Instant.parse("2026-02-27T23:30:00Z"));
    }

    @Test
    void anErasureRequestIsDueWithTheRequestItsExtensionsIncluded() {
        Instant received = Instant.parse("2026-01-31T08:00:00Z");
        assertThat(ErasureDeadlines.ofRequest(received, 0)).isEqualTo(Instant.parse("2026-02-28T08:00:00Z"));
        assertThat(ErasureDeadlines.ofRequest(received, 2)).isEqualTo(Instant.parse("2026-04-30T07:00:00Z"));
    }

    @Test
    void implausibleDeactivationInstantsAreRefused() {
        ErasureDeadlines.checkPlausible(Instant.parse("2026-03-15T10:00:00Z"));
        assertThat(refusal(() -> ErasureDeadlines.checkPlausible(Instant.parse("1999-12-31T23:59:59Z"))).kind())
                .isEqualTo(DomainException.Kind.INVALID);
        assertThat(refusal(() -> ErasureDeadlines.checkPlausible(Instant.parse("9999-06-01T00:00:00Z"))).detail())
                .isEqualTo("deactivatedAt must be between 2000-01-01T00:00:00Z and 9999-01-01T00:00:00Z");
    }

    @Test
    void aJobIsAtRiskFromTheMarginBeforeItsDeadlineUntilItCompletes() {
        ErasureJob job = new ErasureJob();
        job.status = ErasureJob.Status.RETRYING;
        job.deadline = Instant.parse("2026-04-15T09:00:00Z");
        Duration margin = Duration.ofDays(3);
        assertThat(ErasureDeadlines.atRisk(job, Instant.parse("2026-04-12T08:59:59Z"), margin)).isFalse();
        assertThat(ErasureDeadlines.atRisk(job, Instant.parse("2026-04-12T09:00:00Z"), margin)).isTrue();
        assertThat(ErasureDeadlines.atRisk(job, Instant.parse("2026-05-01T00:00:00Z"), margin)).isTrue();
        job.status = ErasureJob.Status.COMPLETED;
        assertThat(ErasureDeadlines.atRisk(job, Instant.parse("2026-05-01T00:00:00Z"), margin)).isFalse();
    }
}
