package org.plugin.atom.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.plugin.atom.support.Fixtures.unique;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.atom.service.events.CatalogEvent;
import org.plugin.atom.service.events.WebhookOutbox;
import org.plugin.atom.support.Db;
import org.plugin.atom.support.Peers;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Webhooks over HTTP, and their deliveries to a receiver (the WireMock of PeersResource, on 127.0.0.1,
 * which the test profile allows): events reach the outbox through {@link WebhookOutbox#enqueue}, as the
 * notifications' dispatcher calls it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class WebhookResourceTest {

    private static final AtomicLong EVENT_IDS = new AtomicLong(System.currentTimeMillis() * 1000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectPeers
    WireMockServer peers;

    @Inject
    WebhookOutbox outbox;

    @Inject
    DataSource ds;

    String receiver(String path) {
        return "http://127.0.0.1:" + peers.port() + path;
    }

    static ValidatableResponse create(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/webhooks").then();
    }

    static String webhookBody(String url) {
        return "{\"url\":\"" + url + "\",\"description\":\"Our pipeline\"}";
    }

    void enqueue(CatalogEvent event, Map<UUID, List<String>> recipients) {
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(event, recipients));
    }

    static CatalogEvent event(String type, String atom, String version) {
        return new CatalogEvent(EVENT_IDS.incrementAndGet(), type, atom, version, OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
    }

    static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(until);
            Thread.sleep(50);
        }
    }

    static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Nested
    class Registration {

        @Test
        void theOwnerCreatesReadsChangesRotatesAndDeletes() {
            var owner = Peers.contributor(peers, "hooks");
            String token = TestTokens.user(owner.subject());
            var created = create(token, webhookBody("https://93.184.216.34/hooks/1")).statusCode(201)
                    .header("Location", containsString("/api/webhooks/")).contentType(ContentType.JSON)
                    .body("url", equalTo("https://93.184.216.34/hooks/1")).body("enabled", equalTo(true)).body("state", equalTo("ENABLED"))
                    .body("secret", startsWith("whsec_")).extract();
            String id = created.path("id");
            String secret = created.path("secret");
            given().auth().oauth2(token).get("/api/webhooks/" + id).then().statusCode(200).body("secret", nullValue())
                    .body("description", equalTo("Our pipeline"));
            given().auth().oauth2(token).get("/api/webhooks").then().statusCode(200).body("items", hasSize(1))
                    .body("items[0].id", equalTo(id)).body("items[0].secret", nullValue()).body("total", equalTo(1));
            // the contributor's CI client acts for them: same webhooks
            given().auth().oauth2(TestTokens.ci("ci-hooks", owner.accountName())).get("/api/webhooks/" + id).then().statusCode(200);

            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"description\":\"Renamed\",\"enabled\":false}")
                    .patch("/api/webhooks/" + id).then().statusCode(200).body("description", equalTo("Renamed")).body("enabled", equalTo(false))
                    .body("state", equalTo("DISABLED")).body("secret", nullValue());
            String rotated = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"rotateSecret\":true}")
                    .patch("/api/webhooks/" + id).then().statusCode(200).body("secret", startsWith("whsec_")).extract().path("secret");
            assertThat(rotated).isNotEqualTo(secret);

            given().auth().oauth2(token).delete("/api/webhooks/" + id).then().statusCode(204);
            given().auth().oauth2(token).get("/api/webhooks/" + id).then().statusCode(404).contentType("application/problem+json");
        }

        @Test
        void personas() {
            var owner = Peers.contributor(peers, "hooks");
            String id = create(TestTokens.user(owner.subject()), webhookBody("https://93.184.216.34/h")).statusCode(201).extract().path("id");
            String body = webhookBody("https://93.184.216.34/h");
            // 401 without a token, on every operation
            given().contentType(ContentType.JSON).body(body).post("/api/webhooks").then().statusCode(401);
            given().get("/api/webhooks").then().statusCode(401);
            given().get("/api/webhooks/" + id).then().statusCode(401);
            given().contentType(ContentType.JSON).body("{}").patch("/api/webhooks/" + id).then().statusCode(401);
            given().delete("/api/webhooks/" + id).then().statusCode(401);
            given().get("/api/webhooks/" + id + "/deliveries").then().statusCode(401);
            // 403: a service token, a user who is not a contributor, a CI token naming nobody known, a suspended contributor
            String service = TestTokens.service("privacy-service");
            create(service, body).statusCode(403);
            given().auth().oauth2(service).get("/api/webhooks").then().statusCode(403);
            given().auth().oauth2(service).get("/api/webhooks/" + id).then().statusCode(403);
            create(TestTokens.user("sub-" + unique("nobody")), body).statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.user("sub-" + unique("nobody"))).get("/api/webhooks").then().statusCode(403);
            create(TestTokens.ci("ci-x", unique("unknown")), body).statusCode(403);
            var suspended = Peers.contributor(peers, "suspended", "SUSPENDED");
            create(TestTokens.user(suspended.subject()), body).statusCode(403);
            // 404: another contributor's webhook, an unknown id, a malformed one
            String other = TestTokens.user(Peers.contributor(peers, "other").subject());
            given().auth().oauth2(other).get("/api/webhooks/" + id).then().statusCode(404);
            given().auth().oauth2(other).contentType(ContentType.JSON).body("{\"enabled\":false}").patch("/api/webhooks/" + id).then().statusCode(404);
            given().auth().oauth2(other).delete("/api/webhooks/" + id).then().statusCode(404);
            given().auth().oauth2(other).get("/api/webhooks/" + id + "/deliveries").then().statusCode(404);
            given().auth().oauth2(other).get("/api/webhooks/" + UUID.randomUUID()).then().statusCode(404);
            given().auth().oauth2(other).get("/api/webhooks/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.user(owner.subject())).get("/api/webhooks/" + id).then().statusCode(200).body("enabled", equalTo(true));
        }

        @Test
        void badInputIsAProblemNeverAServerError() {
            String token = TestTokens.user(Peers.contributor(peers, "hooks").subject());
            create(token, "{}").statusCode(400).contentType("application/problem+json");
            create(token, "{\"url\":\"ftp://ci.example.org/x\"}").statusCode(400);
            create(token, "{\"url\":\"not a url\"}").statusCode(400);
            create(token, "{\"url\":\"https://93.184.216.34/x\",\"secret\":\"mine\"}").statusCode(400);
            create(token, "{\"url\":").statusCode(400);
            create(token, "{\"url\":\"https://93.184.216.34/x\",\"description\":\"<script>\"}").statusCode(400);
            create(token, "{\"url\":\"https://93.184.216.34/" + "x".repeat(600) + "\"}").statusCode(400);
            given().auth().oauth2(token).get("/api/webhooks?limit=abc").then().statusCode(400);
            given().auth().oauth2(token).contentType(ContentType.TEXT).body("x").post("/api/webhooks").then().statusCode(415);
        }

        @Test
        void privateLoopbackAndLinkLocalTargetsAreRefusedAt422() {
            String token = TestTokens.user(Peers.contributor(peers, "hooks").subject());
            for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/", "http://10.0.0.1/", "http://192.168.1.10/x",
                    "http://172.16.5.4/", "http://0.0.0.0/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:10.0.0.1]/",
                    "http://127.0.0.2:9000/", "http://localhost.invalid/")) {
                create(token, webhookBody(url)).statusCode(422).contentType("application/problem+json")
                        .body("detail", startsWith("The webhook URL is refused"));
            }
            // the test profile allows 127.0.0.1 only
            create(token, webhookBody("http://127.0.0.1:9/hook")).statusCode(201);
            String id = create(token, webhookBody("https://93.184.216.34/ok")).statusCode(201).extract().path("id");
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"url\":\"http://169.254.169.254/\"}").patch("/api/webhooks/" + id)
                    .then().statusCode(422);
        }
    }

    @Nested
    class Delivery {

        @Test
        void aSignedCloudEventArrivesOnceAfterA500() throws Exception {
            var owner = Peers.contributor(peers, "hooks");
            String token = TestTokens.user(owner.subject());
            String path = "/" + unique("hook");
            String scenario = unique("flaky");
            peers.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
            peers.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("up").willReturn(aResponse().withStatus(204)));
            var created = create(token, webhookBody(receiver(path))).statusCode(201).extract();
            String id = created.path("id");
            String secret = created.path("secret");

            CatalogEvent event = event(CatalogEvent.VERSION_DEPRECATED, "router-fw", "1.0.0");
            enqueue(event, Map.of(owner.id(), List.of("edge-b", "edge-a")));
            enqueue(event, Map.of(owner.id(), List.of("edge-b", "edge-a"))); // dispatched twice: queued once

            await("the delivery", Duration.ofSeconds(15), () -> given().auth().oauth2(token).get("/api/webhooks/" + id + "/deliveries")
                    .then().extract().path("items[0].deliveryState") != null && "DELIVERED".equals(given().auth().oauth2(token)
                    .get("/api/webhooks/" + id + "/deliveries").then().extract().path("items[0].deliveryState")));
            List<LoggedRequest> received = peers.findAll(postRequestedFor(urlPathEqualTo(path)));
            assertThat(received).hasSize(2);
            LoggedRequest first = received.get(0);
            LoggedRequest second = received.get(1);
            assertThat(second.getBodyAsString()).isEqualTo(first.getBodyAsString());
            assertThat(second.getHeader("Content-Type")).startsWith("application/cloudevents+json");

            String signature = second.getHeader("Plugin-Signature");
            assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
            String t = signature.substring(2, signature.indexOf(','));
            String v1 = signature.substring(signature.indexOf("v1=") + 3);
            assertThat(v1).isEqualTo(hmac(secret, t + "." + second.getBodyAsString()));
            assertThat(Math.abs(Long.parseLong(t) - System.currentTimeMillis() / 1000)).isLessThan(300);
            assertThat(second.getHeader("Plugin-Delivery-Attempt")).isEqualTo("2");
            assertThat(second.getHeader("Plugin-Event-Id")).isEqualTo(Long.toString(event.id()));

            JsonNode ce = JSON.readTree(second.getBodyAsString());
            assertThat(ce.path("specversion").asText()).isEqualTo("1.0");
            assertThat(ce.path("id").asText()).isEqualTo(Long.toString(event.id()));
            assertThat(ce.path("type").asText()).isEqualTo(CatalogEvent.VERSION_DEPRECATED);
            assertThat(ce.path("source").asText()).isEqualTo("/api/atoms");
            assertThat(ce.path("subject").asText()).isEqualTo("router-fw");
            assertThat(OffsetDateTime.parse(ce.path("time").asText()).toInstant()).isEqualTo(event.occurredAt().toInstant());
            assertThat(ce.path("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(ce.path("data").path("atom").asText()).isEqualTo("router-fw");
            assertThat(ce.path("data").path("version").asText()).isEqualTo("1.0.0");
            assertThat(ce.path("data").path("chains").toString()).isEqualTo("[\"edge-a\",\"edge-b\"]");

            given().auth().oauth2(token).get("/api/webhooks/" + id + "/deliveries").then().statusCode(200).body("total", equalTo(2))
                    .body("items[0].attempt", equalTo(2)).body("items[0].statusCode", equalTo(204)).body("items[0].eventId", equalTo(Long.toString(event.id())))
                    .body("items[0].eventType", equalTo(CatalogEvent.VERSION_DEPRECATED))
                    .body("items[1].attempt", equalTo(1)).body("items[1].statusCode", equalTo(500)).body("items[1].deliveryState", equalTo("DELIVERED"))
                    .body("items[0].secret", nullValue());
            assertThat(Db.count(ds, "SELECT count(*) FROM webhook_delivery WHERE webhook_id = ?::uuid", id)).isEqualTo(1);
            // nothing more arrives afterwards
            Thread.sleep(800);
            assertThat(peers.findAll(postRequestedFor(urlPathEqualTo(path)))).hasSize(2);
        }

        @Test
        void eachRecipientsEnabledWebhooksOnlyWithTheirOwnChains() throws Exception {
            var a = Peers.contributor(peers, "hooks-a");
            var b = Peers.contributor(peers, "hooks-b");
            var c = Peers.contributor(peers, "hooks-c");
            String pathA = "/" + unique("a");
            String pathB = "/" + unique("b");
            String pathOff = "/" + unique("off");
            String pathC = "/" + unique("c");
            for (String p : List.of(pathA, pathB, pathOff, pathC)) {
                peers.stubFor(post(urlPathEqualTo(p)).willReturn(aResponse().withStatus(200).withBody("ok")));
            }
            create(TestTokens.user(a.subject()), webhookBody(receiver(pathA))).statusCode(201);
            create(TestTokens.user(b.subject()), webhookBody(receiver(pathB))).statusCode(201);
            create(TestTokens.user(b.subject()), "{\"url\":\"" + receiver(pathOff) + "\",\"enabled\":false}").statusCode(201);
            create(TestTokens.user(c.subject()), webhookBody(receiver(pathC))).statusCode(201);

            CatalogEvent event = event(CatalogEvent.VERSION_PUBLISHED, "router-fw", "2.0.0");
            enqueue(event, Map.of(a.id(), List.of("chain-a"), b.id(), List.of()));
            await("both deliveries", Duration.ofSeconds(10), () -> peers.findAll(postRequestedFor(urlPathEqualTo(pathA))).size() == 1
                    && peers.findAll(postRequestedFor(urlPathEqualTo(pathB))).size() == 1);
            assertThat(JSON.readTree(peers.findAll(postRequestedFor(urlPathEqualTo(pathA))).get(0).getBodyAsString()).path("data").path("chains")
                    .toString()).isEqualTo("[\"chain-a\"]");
            assertThat(JSON.readTree(peers.findAll(postRequestedFor(urlPathEqualTo(pathB))).get(0).getBodyAsString()).path("data").path("chains")
                    .toString()).isEqualTo("[]");
            Thread.sleep(500);
            assertThat(peers.findAll(postRequestedFor(urlPathEqualTo(pathOff)))).isEmpty();
            assertThat(peers.findAll(postRequestedFor(urlPathEqualTo(pathC)))).isEmpty();
        }

        @Test
        void aWebhookThatKeepsFailingIsDisabledAndItsOwnerSeesWhy() throws Exception {
            var owner = Peers.contributor(peers, "hooks");
            String token = TestTokens.user(owner.subject());
            String path = "/" + unique("down");
            peers.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503).withBody("x".repeat(200_000))));
            String id = create(token, webhookBody(receiver(path))).statusCode(201).extract().path("id");
            enqueue(event(CatalogEvent.ATOM_DEPRECATED, "router-fw", null), Map.of(owner.id(), List.of()));
            enqueue(event(CatalogEvent.ATOM_REMOVED, "router-fw", null), Map.of(owner.id(), List.of()));
            // the test profile disables after 4 failed attempts in a row (retries after 0.3 s, then 0.6 s)
            await("the webhook disabled", Duration.ofSeconds(20), () -> "DISABLED_FAILING"
                    .equals(given().auth().oauth2(token).get("/api/webhooks/" + id).then().extract().path("state")));
            given().auth().oauth2(token).get("/api/webhooks/" + id).then().body("enabled", equalTo(false))
                    .body("disabledReason", startsWith("failed 4 times in a row")).body("consecutiveFailures", equalTo(4));
            assertThat(Db.count(ds, "SELECT count(*) FROM webhook_delivery WHERE webhook_id = ?::uuid AND state = 'PENDING'", id)).isZero();
            int calls = peers.findAll(postRequestedFor(urlPathEqualTo(path))).size();
            given().auth().oauth2(token).get("/api/webhooks/" + id + "/deliveries").then().body("items[0].statusCode", equalTo(503))
                    .body("items[0].deliveryState", equalTo("FAILED"));
            Thread.sleep(1000);
            assertThat(peers.findAll(postRequestedFor(urlPathEqualTo(path)))).hasSize(calls);
            // enabled again by its owner: counted afresh
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"enabled\":true}").patch("/api/webhooks/" + id).then()
                    .statusCode(200).body("state", equalTo("ENABLED")).body("consecutiveFailures", equalTo(0)).body("disabledReason", nullValue());
        }

        @Test
        void aTargetThatIsNoLongerAllowedIsNotCalled() throws Exception {
            var owner = Peers.contributor(peers, "hooks");
            String token = TestTokens.user(owner.subject());
            String id = create(token, webhookBody("https://93.184.216.34/moved")).statusCode(201).extract().path("id");
            // as if the name now resolved to the metadata address: the URL is checked again at delivery
            Db.execute(ds, "UPDATE webhook SET url = 'http://169.254.169.254/latest' WHERE id = ?::uuid", id);
            enqueue(event(CatalogEvent.OWNER_CHANGED, "router-fw", null), Map.of(owner.id(), List.of()));
            await("the refused attempt", Duration.ofSeconds(10), () -> given().auth().oauth2(token).get("/api/webhooks/" + id + "/deliveries")
                    .then().extract().path("items[0].error") != null);
            given().auth().oauth2(token).get("/api/webhooks/" + id + "/deliveries").then().body("items[0].error", startsWith("refused"))
                    .body("items[0].statusCode", nullValue());
        }
    }

    @Nested
    class PersonalData {

        @Test
        void theExportShowsWebhooksWithoutSecretsAndErasureRemovesThem() throws Exception {
            var owner = Peers.contributor(peers, "hooks");
            String token = TestTokens.user(owner.subject());
            String path = "/" + unique("erase");
            peers.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)));
            var created = create(token, webhookBody(receiver(path))).statusCode(201).extract();
            String id = created.path("id");
            String secret = created.path("secret");
            enqueue(event(CatalogEvent.VERSION_PUBLISHED, "router-fw", "3.0.0"), Map.of(owner.id(), List.of()));
            await("the delivery", Duration.ofSeconds(10), () -> peers.findAll(postRequestedFor(urlPathEqualTo(path))).size() == 1);

            String service = TestTokens.service("privacy-service");
            String export = given().auth().oauth2(service).get("/internal/atoms/contributors/" + owner.id() + "/personal-data").then()
                    .statusCode(200).body("webhooks[0].id", equalTo(id)).body("webhooks[0].url", equalTo(receiver(path)))
                    .body("webhooks[0].description", equalTo("Our pipeline")).body("webhooks[0].deliveries", hasSize(1))
                    .body("webhooks[0].deliveries[0].eventType", equalTo(CatalogEvent.VERSION_PUBLISHED)).extract().asString();
            assertThat(export).doesNotContain(secret).doesNotContain("whsec_");

            given().auth().oauth2(service).post("/internal/atoms/contributors/" + owner.id() + "/erasure").then().statusCode(200);
            assertThat(Db.count(ds, "SELECT count(*) FROM webhook WHERE owner_id = ?::uuid", owner.id().toString())).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM webhook_delivery WHERE webhook_id = ?::uuid", id)).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM webhook_attempt WHERE webhook_id = ?::uuid", id)).isZero();
            given().auth().oauth2(service).get("/internal/atoms/contributors/" + owner.id() + "/personal-data").then().statusCode(200)
                    .body("webhooks", hasSize(0));
        }
    }
}
