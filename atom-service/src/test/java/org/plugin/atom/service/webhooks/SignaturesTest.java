package org.plugin.atom.service.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugin.atom.service.events.CatalogEvent;

class SignaturesTest {

    @Test
    void hmacSha256OverTimestampDotBody() {
        // computed independently: python3 hmac.new(b'whsec_test', b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
        assertThat(Signatures.header("whsec_test", 1_700_000_000L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
    }

    @Test
    void aCloudEventCarriesTheEventAndTheRecipientsChains() {
        var event = new CatalogEvent(42, CatalogEvent.VERSION_PUBLISHED, "router-fw", "2.0.0", OffsetDateTime.parse("2026-11-29T10:00:00Z"));
        assertThat(CloudEvents.body(event, "/api/atoms", List.of("b", "a"))).isEqualTo("{\"specversion\":\"1.0\",\"id\":\"42\","
                + "\"source\":\"/api/atoms\",\"type\":\"org.plugin.atom.version.published\",\"subject\":\"router-fw\","
                + "\"time\":\"2026-11-29T10:00:00Z\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"atom\":\"router-fw\",\"version\":\"2.0.0\",\"chains\":[\"a\",\"b\"]}}");
    }
}
