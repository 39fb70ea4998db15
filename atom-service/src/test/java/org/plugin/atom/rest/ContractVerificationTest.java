package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.plugin.atom.support.Fixtures.unique;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.plugin.atom.support.Fixtures;
import org.plugin.atom.support.Peers;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;
import org.plugin.testing.contract.ProviderContract;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * atom-service as its consumers recorded it (contracts/privacy-service/atom-service,
 * contracts/contributor-service/atom-service): each interaction replayed here, in the state it names.
 * contributor-service is WireMock here, as in every test of this service.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class ContractVerificationTest {

    @InjectPeers
    WireMockServer peers;

    @TestFactory
    Stream<DynamicTest> everyConsumerGetsWhatItReads() {
        return ProviderContract.verify("atom-service", Map.of(
                "a contributor with a published Atom, a chain, a rating and a comment", this::contributorWithEverything,
                "an author with a rating and a comment", this::author,
                "a contributor of the catalog", () -> Map.of("id", Peers.contributor(peers, "contract").id().toString()),
                "a contributor with a webhook", this::contributorWithWebhook));
    }

    private Map<String, String> contributorWithWebhook() {
        var owner = Peers.contributor(peers, "contract");
        String url = "https://93.184.216.34/hooks/plugin";
        String id = given().auth().oauth2(TestTokens.user(owner.subject())).contentType(ContentType.JSON)
                .body(Map.of("url", url, "description", "Our pipeline")).post("/api/webhooks").then().statusCode(201).extract().path("id");
        return Map.of("id", owner.id().toString(), "webhook", id, "url", url);
    }

    private String publishedAtom(Peers.Contributor owner) {
        String atom = unique("contract");
        Fixtures.put(TestTokens.ci("ci-alice", owner.accountName()), atom, "1.0.0", Fixtures.version("A router", 'a', Fixtures.IN_OUT_HTTP))
                .then().statusCode(201);
        return atom;
    }

    private static void feedback(String subject, String atom, String comment) {
        String token = TestTokens.user(subject);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"stars\":4}").put("/api/atoms/" + atom + "/ratings/mine")
                .then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("body", comment)).post("/api/atoms/" + atom + "/comments")
                .then().statusCode(201);
    }

    private Map<String, String> contributorWithEverything() {
        var owner = Peers.contributor(peers, "contract");
        String atom = publishedAtom(owner);
        String chain = unique("chain");
        given().auth().oauth2(TestTokens.user(owner.subject())).contentType(ContentType.JSON)
                .body("{\"name\":\"%s\",\"description\":\"test chain\",\"nodes\":[{\"key\":\"r\",\"atom\":\"%s\",\"version\":\"1.0.0\"}],\"links\":[]}"
                        .formatted(chain, atom))
                .post("/api/chains").then().statusCode(201);
        String comment = "Works well on our testbed";
        feedback(owner.subject(), atom, comment);
        return Map.of("id", owner.id().toString(), "subject", owner.subject(), "atom", atom, "chain", chain, "comment", comment);
    }

    private Map<String, String> author() {
        String atom = publishedAtom(Peers.contributor(peers, "contract"));
        String subject = "sub-" + UUID.randomUUID();
        String comment = "Works well on our testbed";
        feedback(subject, atom, comment);
        return Map.of("subject", subject, "atom", atom, "comment", comment);
    }
}
