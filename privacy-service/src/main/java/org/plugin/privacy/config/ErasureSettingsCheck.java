package org.plugin.privacy.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with settings under which an erasure could miss its deadline. The deadline is
 * one calendar month after the deactivation, so 28 days at the least (February); the job starts
 * after the grace period and must still have its at-risk margin left to retry, and a retry delay or
 * a lease as long as that margin could push it past the deadline.
 */
@Singleton
public class ErasureSettingsCheck {

    /** The shortest calendar month. */
    public static final Duration SHORTEST_MONTH = Duration.ofDays(28);

    void onStart(@Observes StartupEvent event, PrivacyConfig config) {
        List<String> problems = problems(config.erasure().gracePeriod(), config.erasure().atRiskMargin(),
                config.jobs().retryMax(), config.jobs().lease(), config.exports().retentionDays());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("privacy-service refuses these settings: " + String.join("; ", problems));
        }
    }

    public static List<String> problems(Duration grace, Duration atRiskMargin, Duration retryMax, Duration lease, int exportRetentionDays) {
        List<String> problems = new ArrayList<>();
        if (grace.isNegative()) {
            problems.add("plugin.privacy.erasure.grace-period must not be negative");
        }
        if (atRiskMargin.isNegative() || atRiskMargin.isZero()) {
            problems.add("plugin.privacy.erasure.at-risk-margin must be positive");
        }
        if (grace.plus(atRiskMargin).compareTo(SHORTEST_MONTH) >= 0) {
            problems.add("grace period " + grace + " plus at-risk margin " + atRiskMargin
                    + " reaches the erasure deadline (one calendar month after deactivation, 28 days in February)");
        }
        if (retryMax.compareTo(atRiskMargin) >= 0) {
            problems.add("plugin.privacy.jobs.retry-max " + retryMax + " must be shorter than the at-risk margin " + atRiskMargin);
        }
        if (lease.compareTo(atRiskMargin) >= 0) {
            problems.add("plugin.privacy.jobs.lease " + lease + " must be shorter than the at-risk margin " + atRiskMargin);
        }
        if (exportRetentionDays < 1) {
            problems.add("plugin.privacy.exports.retention-days must be at least 1");
        }
        return problems;
    }
}
