package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.restassured.http.ContentType;

/**
 * Webhooks through the gateway (issue 16): bob's chain uses alice's Atom; bob registers a webhook whose
 * receiver answers 500 to its first call; alice's CI deprecates the version; the receiver gets the
 * signed CloudEvent, verifiable with the secret shown at creation, and accepts it exactly once.
 * The local stack allows webhooks to 127.0.0.1 (WEBHOOK_ALLOWED_TARGETS in deploy/local/up).
 */
class WebhookJourneyTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    record Received(String body, String signature, String eventId, int answered) {
    }

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    @BeforeAll
    static void contributors() {
        AtomJourneyTest.contributors();
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = calls.incrementAndGet() == 1 ? 500 : 204;
            received.add(new Received(new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("Plugin-Signature"),
                    exchange.getRequestHeaders().getFirst("Plugin-Event-Id"), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aContributorRegistersReadsAndDeletesWebhooksOthersCannotSeeThem() {
        String bob = Stack.userToken(Stack.BOB);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        given().spec(Stack.gateway()).contentType(ContentType.JSON).body("{\"url\":\"%s\"}".formatted(url))
                .when().post("/api/webhooks").then().statusCode(401);
        var created = given().spec(Stack.gateway(bob)).contentType(ContentType.JSON).body("{\"url\":\"%s\"}".formatted(url))
                .when().post("/api/webhooks").then().statusCode(201).body("secret", startsWith("whsec_")).extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/webhooks/" + id);
        given().spec(Stack.gateway(bob)).when().get("/api/webhooks/" + id).then().statusCode(200).body("secret", nullValue())
                .body("url", equalTo(url));
        // a user who is no contributor may not register one; another user does not see bob's
        String stranger = Stack.userToken(Stack.newUser("hookless"));
        given().spec(Stack.gateway(stranger)).contentType(ContentType.JSON).body("{\"url\":\"%s\"}".formatted(url))
                .when().post("/api/webhooks").then().statusCode(403);
        given().spec(Stack.gateway(Stack.userToken(Stack.ALICE))).when().get("/api/webhooks/" + id).then().statusCode(404);
        // internal addresses are refused
        for (String internal : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.1/", "http://[::1]/")) {
            given().spec(Stack.gateway(bob)).contentType(ContentType.JSON).body("{\"url\":\"%s\"}".formatted(internal))
                    .when().post("/api/webhooks").then().statusCode(422).contentType(org.hamcrest.Matchers.containsString("problem+json"));
        }
        given().spec(Stack.gateway(bob)).when().delete("/api/webhooks/" + id).then().statusCode(204);
        given().spec(Stack.gateway(bob)).when().get("/api/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void aChainOwnersWebhookGetsTheSignedCloudEventOnceAfterA500() throws Exception {
        // the events come from the notifications' dispatcher (issue 16's other half): without it, nothing is sent
        String ci = Stack.clientToken(AtomJourneyTest.CI_ALICE, AtomJourneyTest.CI_ALICE_SECRET);
        String fw = "hooked-fw-" + Stack.unique();
        AtomJourneyTest.publish(ci, fw, "1.0.0", AtomJourneyTest.descriptor("hooked", 'a', AtomJourneyTest.HTTP_POINTS)).statusCode(201);
        String bob = Stack.userToken(Stack.BOB);
        String chain = "hooked-chain-" + Stack.unique();
        given().spec(Stack.gateway(bob)).contentType(ContentType.JSON)
                .body("{\"name\":\"%s\",\"nodes\":[{\"key\":\"fw\",\"atom\":\"%s\",\"version\":\"1.0.0\"}],\"links\":[]}".formatted(chain, fw))
                .when().post("/api/chains").then().statusCode(201);

        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        var created = given().spec(Stack.gateway(bob)).contentType(ContentType.JSON)
                .body("{\"url\":\"%s\",\"description\":\"bob's pipeline\"}".formatted(url))
                .when().post("/api/webhooks").then().statusCode(201).body("secret", startsWith("whsec_")).extract();
        String webhook = created.path("id");
        String secret = created.path("secret");
        try {
            given().spec(Stack.gateway(bob)).when().get("/api/webhooks/" + webhook).then().statusCode(200).body("secret", nullValue());
            // an internal address is refused, through the gateway too
            given().spec(Stack.gateway(bob)).contentType(ContentType.JSON).body("{\"url\":\"http://169.254.169.254/latest/meta-data\"}")
                    .when().post("/api/webhooks").then().statusCode(422);

            given().spec(Stack.gateway(ci)).when().post("/api/atoms/" + fw + "/versions/1.0.0/deprecation").then().statusCode(200);

            await("the receiver to accept the event", () -> received.stream().anyMatch(r -> r.answered() == 204));
            Thread.sleep(8000); // longer than the local stack's retry waits: nothing more may come
            assertThat(received).hasSize(2);
            assertThat(received.get(0).answered()).isEqualTo(500);
            Received accepted = received.get(1);
            assertThat(accepted.body()).isEqualTo(received.get(0).body());
            assertThat(accepted.eventId()).isEqualTo(received.get(0).eventId());

            String signature = accepted.signature();
            assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
            String t = signature.substring(2, signature.indexOf(','));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + accepted.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(signature).endsWith("v1=" + expected);
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t))).isLessThan(300);

            JsonNode ce = JSON.readTree(accepted.body());
            assertThat(ce.path("specversion").asText()).isEqualTo("1.0");
            assertThat(ce.path("type").asText()).isEqualTo("org.plugin.atom.version.deprecated");
            assertThat(ce.path("id").asText()).isEqualTo(accepted.eventId());
            assertThat(ce.path("subject").asText()).isEqualTo(fw);
            assertThat(ce.path("data").path("version").asText()).isEqualTo("1.0.0");
            assertThat(ce.path("data").path("chains").toString()).contains("\"" + chain + "\"");

            given().spec(Stack.gateway(bob)).when().get("/api/webhooks/" + webhook + "/deliveries").then().statusCode(200)
                    .body("items[0].statusCode", equalTo(204)).body("items[0].attempt", equalTo(2)).body("items[1].statusCode", equalTo(500));
        } finally {
            given().spec(Stack.gateway(bob)).when().delete("/api/webhooks/" + webhook).then().statusCode(204);
        }
    }

    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        while (!condition.get()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Timed out after " + WAIT + " waiting for " + what);
            }
            Thread.sleep(250);
        }
    }
}
