package org.plugin.privacy.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of privacy-service ({@code plugin.privacy.*}); durations in ISO-8601 (P7D, PT30S). */
@ConfigMapping(prefix = "plugin.privacy")
public interface PrivacyConfig {

    Jobs jobs();

    Erasure erasure();

    Exports exports();

    AtomService atomService();

    interface AtomService {
        /**
         * Whether atom-service serves feedback by author subject ({@code /internal/atoms/authors/...}):
         * ACCESS and PORTABILITY then include the feedback a user wrote under their login, and an
         * erasure erases it, also for users who are not contributors. On: atom-service serves it; the
         * switch remains for a deployment whose atom-service predates those endpoints.
         */
        @WithDefault("true")
        boolean authorFeedback();
    }

    interface Jobs {
        /** How often the workers look for due work ("off" disables them: tests drive them by hand). */
        @WithDefault("10s")
        String every();

        /**
         * How long a replica holds claimed work before another may take it over. Renewed every
         * {@link #heartbeat()} while the replica lives, so a dead replica's work is free again (and no
         * longer shown RUNNING) within one lease.
         */
        @WithDefault("PT30S")
        Duration lease();

        /** How often a live replica renews the leases of the work it holds (zero: never; the lease must then outlast a batch). */
        @WithDefault("PT10S")
        Duration heartbeat();

        /** Items claimed per run. */
        @WithDefault("20")
        int batch();

        /** First retry delay after a failure; doubles on each failure up to {@link #retryMax()}. */
        @WithDefault("PT30S")
        Duration retryInitial();

        @WithDefault("PT30M")
        Duration retryMax();
    }

    interface Erasure {
        /** Delay between a deactivation and its erasure, during which nothing is erased. */
        @WithDefault("P7D")
        Duration gracePeriod();

        /** A job not done this long before its deadline is at risk (flagged and counted in a gauge). */
        @WithDefault("P3D")
        Duration atRiskMargin();

        /**
         * Erasure jobs one replica runs at the same time when a scheduled run finds many due (each in a lane
         * of its own that claims its own batches, so no job is held by two lanes); 1 runs them one after the other.
         */
        @WithDefault("4")
        int concurrency();
    }

    interface Exports {
        /** Days an ACCESS or PORTABILITY document stays downloadable before it is deleted. */
        @WithDefault("30")
        int retentionDays();

        /** How often expired documents are purged ("off" disables it). */
        @WithDefault("1h")
        String purgeEvery();
    }
}
