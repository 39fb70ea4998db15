package org.plugin.contributor.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.plugin.contributor.client.AtomClient.Restriction;
import org.plugin.contributor.client.PrivacyClient.DeactivationNotice;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.contract.ConsumerContract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * This service's {@link PrivacyClient} and {@link AtomClient} send and read exactly what
 * contracts/contributor-service/privacy-service and contracts/contributor-service/atom-service record.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class PeersContractTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @InjectPeers
    WireMockServer peers;

    @Inject
    @RestClient
    PrivacyClient privacy;

    @Inject
    @RestClient
    AtomClient atoms;

    @Inject
    ObjectMapper json;

    @TestFactory
    Stream<DynamicTest> privacyServiceGetsWhatItExpects() {
        return ConsumerContract.verify("contributor-service", "privacy-service", peers, json, Map.of(
                "deactivation", v -> privacy.deactivated(new DeactivationNotice(UUID.fromString(v.get("eventId")),
                        UUID.fromString(v.get("contributorId")), Instant.parse(v.get("deactivatedAt")), v.get("subject"))).await().atMost(WAIT)));
    }

    @TestFactory
    Stream<DynamicTest> atomServiceGetsWhatItExpects() {
        return ConsumerContract.verify("contributor-service", "atom-service", peers, json, Map.of(
                "restriction", v -> atoms.restrict(UUID.fromString(v.get("id")), new Restriction(true)).await().atMost(WAIT)));
    }
}
