package org.plugin.privacy.client;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.plugin.privacy.client.AtomClient.AuthorSubject;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.contract.ConsumerContract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** This service's {@link AtomClient} reads exactly what contracts/privacy-service/atom-service records. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class AtomContractTest {

    @InjectPeers
    WireMockServer peers;

    @Inject
    @RestClient
    AtomClient client;

    @Inject
    ObjectMapper json;

    @TestFactory
    Stream<DynamicTest> readsWhatAtomServiceAnswers() {
        return ConsumerContract.verify("privacy-service", "atom-service", peers, json, Map.of(
                "contributor-personal-data", v -> client.personalData(UUID.fromString(v.get("id"))),
                "author-personal-data", v -> client.authorFeedback(v.get("subject")),
                "contributor-erasure", v -> {
                    client.erase(UUID.fromString(v.get("id")));
                    return null;
                },
                "contributor-and-author-erasure", v -> client.erase(UUID.fromString(v.get("id")), new AuthorSubject(v.get("subject"))),
                "author-erasure", v -> {
                    client.eraseAuthor(new AuthorSubject(v.get("subject")));
                    return null;
                }));
    }
}
