package org.plugin.privacy.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.plugin.privacy.client.ContributorClient.NamesRequest;
import org.plugin.privacy.client.ContributorClient.Rectification;
import org.plugin.privacy.client.ContributorClient.RestrictionChange;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.contract.ConsumerContract;
import org.plugin.testing.contract.ConsumerContract.Refusal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** This service's {@link ContributorClient} reads exactly what contracts/privacy-service/contributor-service records. */
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

    /** A refusal as this service's callers see it ({@link Peers} turns the client's exception into a {@link PeerException}). */
    static Object orRefusal(Supplier<Object> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            return new Refusal(e.getResponse().getStatus());
        }
    }

    @TestFactory
    Stream<DynamicTest> readsWhatContributorServiceAnswers() {
        return ConsumerContract.verify("privacy-service", "contributor-service", peers, json, Map.of(
                "names", v -> client.names(new NamesRequest(List.of(id(v)))),
                "resolve-by-subject", v -> client.resolveSubject(v.get("subject")),
                "resolve-by-account-name", v -> client.resolveAccountName(v.get("accountName")),
                "resolve-by-id", v -> client.resolveId(id(v)),
                "resolve-unknown-subject", v -> orRefusal(() -> client.resolveSubject(v.get("subject"))),
                "personal-data", v -> client.personalData(id(v)),
                "personal-data-unknown", v -> orRefusal(() -> client.personalData(id(v))),
                "rectification", v -> {
                    client.rectify(id(v), new Rectification(null, v.get("newLastName"), v.get("newEmail")));
                    return null;
                },
                "restriction", v -> {
                    client.restrict(id(v), new RestrictionChange(true, v.get("reason")));
                    return null;
                },
                "erasure", v -> {
                    client.erase(id(v));
                    return null;
                }));
    }

    private static UUID id(Map<String, String> values) {
        return UUID.fromString(values.get("id"));
    }
}
