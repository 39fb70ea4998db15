package org.plugin.privacy.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plugin.privacy.client.AtomClient;
import org.plugin.privacy.client.AtomClient.WebhookData;
import org.plugin.privacy.client.AtomClient.WebhookDeliveryData;
import org.plugin.privacy.service.ExportDocuments.OwnRecords;
import org.plugin.privacy.support.UnitFixtures;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A contributor's webhooks in their exports (issue 16): what they registered, and in ACCESS the deliveries too. */
@Tag(UnitFixtures.UNIT)
class ExportWebhooksTest {

    static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    static final UUID WEBHOOK = UUID.fromString("55555555-5555-5555-5555-555555555555");

    final ExportDocuments documents = new ExportDocuments(UnitFixtures.mapper());

    static AtomClient.PersonalData catalog() {
        var delivery = new WebhookDeliveryData(UUID.randomUUID(), "1841", "org.plugin.atom.version.deprecated", "DELIVERED", 2, NOW, NOW, 204, null);
        return new AtomClient.PersonalData(ExportDocumentsTest.CONTRIBUTOR, false, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new WebhookData(WEBHOOK, "https://ci.example.org/hook", "Our pipeline", true, null, NOW, NOW, List.of(delivery))));
    }

    @Test
    void portabilityCarriesTheWebhooksTheyRegisteredNotTheirDeliveries() {
        ObjectNode doc = documents.portability(ExportDocumentsTest.REQUEST,
                ExportDocumentsTest.reports(ExportDocumentsTest.PROFILE, catalog(), null, ExportDocumentsTest.ACCOUNT), NOW);
        assertThat(doc.at("/contributions/webhooks/0/url").asText()).isEqualTo("https://ci.example.org/hook");
        assertThat(doc.at("/contributions/webhooks/0/description").asText()).isEqualTo("Our pipeline");
        assertThat(doc.at("/contributions/webhooks/0").has("deliveries")).isFalse();
        assertThat(doc.toString()).doesNotContain("whsec_");
    }

    @Test
    void accessCarriesTheWebhooksAndTheirDeliveries() {
        ObjectNode doc = documents.access(ExportDocumentsTest.REQUEST, "sub-1", ExportDocumentsTest.CONTRIBUTOR,
                ExportDocumentsTest.reports(ExportDocumentsTest.PROFILE, catalog(), null, ExportDocumentsTest.ACCOUNT),
                new OwnRecords(List.of(), List.of(), List.of(), List.of(), Optional.empty()), NOW, NOW.plusSeconds(86_400));
        assertThat(doc.at("/contributions/webhooks/0/id").asText()).isEqualTo(WEBHOOK.toString());
        assertThat(doc.at("/contributions/webhooks/0/deliveries/0/lastStatus").asInt()).isEqualTo(204);
        assertThat(doc.at("/contributions/webhooks/0/deliveries/0/eventType").asText()).isEqualTo("org.plugin.atom.version.deprecated");
    }
}
