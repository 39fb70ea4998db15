package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.plugin.atom.support.Fixtures.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.plugin.atom.support.Fixtures;
import org.plugin.atom.support.Peers;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Idempotency-Key on creating POSTs (common's IdempotencyInterceptor), through comments and chains:
 * a retry with the same key and body gets the first answer and writes nothing; another body under
 * the same key is 422; keys are per caller; a malformed key is 400; concurrent retries write once.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class IdempotencyTest {

    @InjectPeers
    WireMockServer peers;

    String atom() {
        var owner = Peers.contributor(peers, "owner");
        String name = unique("kept");
        Fixtures.publish(owner, name, "1.0.0", "[]");
        return name;
    }

    static Response comment(String token, String atom, String key, String text) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"body\":\"" + text + "\"}");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/atoms/" + atom + "/comments");
    }

    static int comments(String atom) {
        return given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + atom + "/comments").then().statusCode(200)
                .extract().path("total");
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndWritesNothing() {
        String atom = atom();
        String user = TestTokens.user("sub-" + unique("retry"));
        String key = UUID.randomUUID().toString();

        Response first = comment(user, atom, key, "Works on my testbed");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        Response retry = comment(user, atom, key, "Works on my testbed");
        retry.then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));

        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(retry.jsonPath().getString("body")).isEqualTo("Works on my testbed");
        assertThat(comments(atom)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndWritesNothing() {
        String atom = atom();
        String user = TestTokens.user("sub-" + unique("other"));
        String key = UUID.randomUUID().toString();
        comment(user, atom, key, "First").then().statusCode(201);

        comment(user, atom, key, "Second").then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422)).body("type", equalTo("urn:plugin:problem:idempotency-key-reused"));
        // and on another route
        given().auth().oauth2(user).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"name\":\"" + unique("c") + "\",\"nodes\":[{\"key\":\"a\",\"atom\":\"" + atom + "\",\"version\":\"1.0.0\"}]}")
                .post("/api/chains").then().statusCode(422);
        assertThat(comments(atom)).isEqualTo(1);
    }

    @Test
    void keysArePerCallerAndAbsentKeysChangeNothing() {
        String atom = atom();
        String key = UUID.randomUUID().toString();
        comment(TestTokens.user("sub-" + unique("a")), atom, key, "Same text").then().statusCode(201);
        comment(TestTokens.user("sub-" + unique("b")), atom, key, "Same text").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue());
        String user = TestTokens.user("sub-" + unique("nokey"));
        comment(user, atom, null, "Same text").then().statusCode(201);
        comment(user, atom, null, "Same text").then().statusCode(201);
        assertThat(comments(atom)).isEqualTo(4);
    }

    @Test
    void aMalformedKeyIs400AndWritesNothing() {
        String atom = atom();
        String user = TestTokens.user("sub-" + unique("bad"));
        for (String key : new String[] {"", "x".repeat(256), "has space", "caf\u00e9"}) {
            comment(user, atom, key, "Hello").then().statusCode(400).contentType("application/problem+json");
        }
        assertThat(comments(atom)).isZero();
    }

    @Test
    void aRefusedRequestKeepsNothingSoItsRetryRunsAgain() {
        String atom = atom();
        String user = TestTokens.user("sub-" + unique("refused"));
        String key = UUID.randomUUID().toString();
        comment(user, "no-such-atom-" + unique("x"), key, "Hello").then().statusCode(404);
        // the key was released: the same key may now be used for the request that works
        comment(user, atom, key, "Hello").then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void concurrentRetriesWriteOnce() throws Exception {
        String atom = atom();
        String user = TestTokens.user("sub-" + unique("burst"));
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> comment(user, atom, key, "Once"));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                Response r = f.get();
                assertThat(r.statusCode()).isEqualTo(201);
                ids.add(r.jsonPath().getString("id"));
            }
            assertThat(ids).hasSize(4).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(comments(atom)).isEqualTo(1);
    }

    @Test
    void withoutATokenTheKeyChangesNothing() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k1").body("{\"body\":\"x\"}")
                .post("/api/atoms/anything/comments").then().statusCode(401);
        given().auth().oauth2(TestTokens.ci("pipeline", "owner")).contentType(ContentType.JSON).header("Idempotency-Key", "k1")
                .body("{\"body\":\"x\"}").post("/api/atoms/anything/comments").then().statusCode(403);
    }
}
