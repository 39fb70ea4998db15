package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.plugin.atom.support.Fixtures.unique;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.plugin.atom.service.events.CatalogEvent;
import org.plugin.atom.service.events.WebhookOutbox;
import org.plugin.atom.support.Fixtures;
import org.plugin.atom.support.Notifications;
import org.plugin.atom.support.Peers;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;
import org.plugin.testing.contract.ProviderContract;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
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

    @Inject
    WebhookOutbox outbox;

    @TestFactory
    Stream<DynamicTest> everyConsumerGetsWhatItReads() {
        return ProviderContract.verify("atom-service", Map.of(
                "a contributor with a published Atom, a chain, a rating and a comment", this::contributorWithEverything,
                "an author with a rating and a comment", this::author,
                "a contributor of the catalog", () -> Map.of("id", Peers.contributor(peers, "contract").id().toString())));
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
        // they follow another contributor's Atom, which then publishes a version: a subscription and a notification
        var other = Peers.contributor(peers, "contract");
        String followed = publishedAtom(other);
        given().auth().oauth2(TestTokens.user(owner.subject())).put("/api/atoms/" + followed + "/subscription").then().statusCode(201);
        Fixtures.put(TestTokens.ci("ci-other", other.accountName()), followed, "1.1.0", Fixtures.version("A router", 'c', Fixtures.IN_OUT_HTTP))
                .then().statusCode(201);
        Notifications.awaitNotification(owner.subject(), followed, "1.1.0");
        Map<String, String> webhook = webhookWithADelivery(owner);
        return Map.of("id", owner.id().toString(), "subject", owner.subject(), "atom", atom, "chain", chain, "comment", comment,
                "followed", followed, "webhook", webhook.get("webhook"), "url", webhook.get("url"));
    }

    /** Since issue 16 "everything" holds a webhook too, with one delivery made (to this boot's WireMock, which the test profile allows). */
    private Map<String, String> webhookWithADelivery(Peers.Contributor owner) {
        String path = "/" + unique("contract-hook");
        peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(path))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));
        String url = "http://127.0.0.1:" + peers.port() + path;
        String id = given().auth().oauth2(TestTokens.user(owner.subject())).contentType(ContentType.JSON)
                .body(Map.of("url", url, "description", "Our pipeline")).post("/api/webhooks").then().statusCode(201).extract().path("id");
        var event = new CatalogEvent(System.nanoTime(), CatalogEvent.VERSION_PUBLISHED, "contract-atom", "1.0.0",
                OffsetDateTime.now(ZoneOffset.UTC));
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(event, Map.of(owner.id(), List.of())));
        long until = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (!"DELIVERED".equals(given().auth().oauth2(TestTokens.user(owner.subject())).get("/api/webhooks/" + id + "/deliveries").then()
                .extract().path("items[0].deliveryState"))) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the contract's webhook delivery was not made");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return Map.of("webhook", id, "url", url);
    }

    private Map<String, String> author() {
        String atom = publishedAtom(Peers.contributor(peers, "contract"));
        String subject = "sub-" + UUID.randomUUID();
        String comment = "Works well on our testbed";
        feedback(subject, atom, comment);
        return Map.of("subject", subject, "atom", atom, "comment", comment);
    }
}
