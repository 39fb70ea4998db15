package org.plugin.atom.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.plugin.atom.client.ContributorClient.NamesRequest;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.contract.ConsumerContract;
import org.plugin.testing.contract.ConsumerContract.Refusal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** This service's {@link ContributorClient} reads exactly what contracts/atom-service/contributor-service records. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class ContributorContractTest {

    @InjectPeers
    WireMockServer peers;

    @Inject
    @RestClient
    ContributorClient client;

    @Inject
    ObjectMapper json;

    @TestFactory
    Stream<DynamicTest> readsWhatContributorServiceAnswers() {
        return ConsumerContract.verify("atom-service", "contributor-service", peers, json, Map.of(
                "names", v -> client.names(new NamesRequest(List.of(UUID.fromString(v.get("id"))))),
                "resolve-by-subject", v -> client.resolveBySubject(v.get("subject")),
                "resolve-by-account-name", v -> client.resolveByAccountName(v.get("accountName")),
                "resolve-unknown-subject", v -> {
                    try {
                        return client.resolveBySubject(v.get("subject"));
                    } catch (ContributorClient.Refused e) {
                        return new Refusal(e.status());
                    }
                }));
    }
}
