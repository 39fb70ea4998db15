package org.plugin.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofHours(1);

    @Test
    void doublesAfterEachFailure() {
        assertThat(Backoff.after(1, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.after(2, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.after(3, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(20));
        assertThat(Backoff.after(8, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(640));
    }

    @Test
    void neverExceedsTheMaximumNorOverflows() {
        assertThat(Backoff.after(10, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(Backoff.after(11, INITIAL, MAX)).isEqualTo(MAX);
        assertThat(Backoff.after(1_000_000, INITIAL, MAX)).isEqualTo(MAX);
        assertThat(Backoff.after(Integer.MAX_VALUE, INITIAL, MAX)).isEqualTo(MAX);
        assertThat(Backoff.after(1, Duration.ofHours(2), MAX)).isEqualTo(MAX);
    }
}
