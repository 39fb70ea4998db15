package org.plugin.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformClockTest {

    static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void withoutAFileTheOffsetIsThisProcessOwn() {
        PlatformClock one = new PlatformClock(FIXED);
        PlatformClock other = new PlatformClock(FIXED);
        one.advance(Duration.ofDays(8));
        assertThat(one.instant()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(other.instant()).isEqualTo(FIXED.instant());
    }

    @Test
    void aMoveIsKeptAcrossARestartAndSeenByEveryReplica() {
        Path file = dir.resolve("clock/atom-service.offset");
        PlatformClock replica1 = new PlatformClock(FIXED, file, Duration.ZERO);
        PlatformClock replica2 = new PlatformClock(FIXED, file, Duration.ZERO);

        replica1.advance(Duration.ofDays(8));
        assertThat(replica2.instant()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));

        // a move through the second replica adds to the first one's
        replica2.advance(Duration.ofHours(1));
        assertThat(replica1.offset()).isEqualTo(Duration.ofDays(8).plusHours(1));

        // a process started afterwards begins where they are
        PlatformClock restarted = new PlatformClock(FIXED, file, Duration.ZERO);
        assertThat(restarted.instant()).isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));

        restarted.reset();
        assertThat(replica1.instant()).isEqualTo(FIXED.instant());
    }

    @Test
    void anUnreadableFileLeavesTheOffsetAsItWas() throws Exception {
        Path file = dir.resolve("broken.offset");
        PlatformClock clock = new PlatformClock(FIXED, file, Duration.ZERO);
        clock.advance(Duration.ofDays(2));
        Path broken = dir.resolve("broken.tmp");
        Files.writeString(broken, "not a duration");
        Files.move(broken, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(clock.offset()).isEqualTo(Duration.ofDays(2));
    }
}
