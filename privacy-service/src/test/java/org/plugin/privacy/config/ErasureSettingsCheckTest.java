package org.plugin.privacy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plugin.privacy.support.UnitFixtures;

/** The startup check alone (a refused configuration would stop the module's one Quarkus boot). */
@Tag(UnitFixtures.UNIT)
class ErasureSettingsCheckTest {

    static final Duration RETRY_MAX = Duration.ofMinutes(30);
    static final Duration LEASE = Duration.ofMinutes(2);

    @Test
    void theDefaultsAreAccepted() {
        assertThat(ErasureSettingsCheck.problems(Duration.ofDays(7), Duration.ofDays(3), RETRY_MAX, LEASE, 30)).isEmpty();
    }

    @Test
    void aGracePeriodThatWouldMissAFebruaryDeadlineIsRefused() {
        assertThat(ErasureSettingsCheck.problems(Duration.ofDays(25), Duration.ofDays(3), RETRY_MAX, LEASE, 30))
                .singleElement().asString().contains("reaches the erasure deadline");
        assertThat(ErasureSettingsCheck.problems(Duration.ofDays(24).plusHours(23), Duration.ofDays(3), RETRY_MAX, LEASE, 30)).isEmpty();
        assertThat(ErasureSettingsCheck.problems(Duration.ofDays(31), Duration.ofDays(3), RETRY_MAX, LEASE, 30)).isNotEmpty();
    }

    @Test
    void nonsenseIsRefused() {
        assertThat(ErasureSettingsCheck.problems(Duration.ofDays(-1), Duration.ofDays(3), RETRY_MAX, LEASE, 30)).isNotEmpty();
        assertThat(ErasureSettingsCheck.problems(Duration.ofDays(7), Duration.ZERO, Duration.ZERO, Duration.ZERO, 30)).isNotEmpty();
        assertThat(ErasureSettingsCheck.problems(Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(3), LEASE, 30)).isNotEmpty();
        assertThat(ErasureSettingsCheck.problems(Duration.ofDays(7), Duration.ofDays(3), RETRY_MAX, Duration.ofDays(4), 30)).isNotEmpty();
        assertThat(ErasureSettingsCheck.problems(Duration.ofDays(7), Duration.ofDays(3), RETRY_MAX, LEASE, 0)).isNotEmpty();
    }
}
