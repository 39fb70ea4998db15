package org.plugin.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class TimestampsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    TimestampsTest() {
        new Timestamps().customize(mapper);
    }

    @Test
    void everyInstantHasSixFractionDigitsInUtc() throws Exception {
        assertThat(mapper.writeValueAsString(Map.of("at", Instant.parse("2026-11-29T10:00:00Z"))))
                .isEqualTo("{\"at\":\"2026-11-29T10:00:00.000000Z\"}");
        assertThat(mapper.writeValueAsString(Instant.parse("2026-11-29T10:00:00.12Z"))).isEqualTo("\"2026-11-29T10:00:00.120000Z\"");
    }

    @Test
    void nanosecondsAreRoundedToTheMicrosecondAsPostgresqlStoresThem() throws Exception {
        assertThat(mapper.writeValueAsString(Instant.parse("2026-11-29T10:00:00.123456789Z"))).isEqualTo("\"2026-11-29T10:00:00.123457Z\"");
        assertThat(mapper.writeValueAsString(Instant.parse("2026-11-29T10:00:00.123456499Z"))).isEqualTo("\"2026-11-29T10:00:00.123456Z\"");
    }

    @Test
    void theTextReadsBackAsTheSameInstant() {
        Instant at = Instant.parse("1999-12-31T23:59:59.999999Z");
        assertThat(Instant.parse(Timestamps.format(at))).isEqualTo(at);
    }
}
