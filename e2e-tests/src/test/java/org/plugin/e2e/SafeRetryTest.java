package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A client that lost the answer to a creating POST (a 502, a reset) retries it with the same
 * Idempotency-Key through the gateway: it gets the first answer, marked replayed, and nothing is
 * written twice; the key reused for another request is refused with 422.
 */
class SafeRetryTest {

    @BeforeAll
    static void aliceIsAContributor() {
        AtomJourneyTest.register(Stack.ALICE, "Alice", "Liddell");
    }

    static Response contact(String token, String key, String message) {
        return given().spec(Stack.gateway(token)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"accountName\":\"alice\",\"message\":\"" + message + "\"}").when().post("/api/privacy/contact-requests");
    }

    @Test
    void aRetriedContactRequestIsRecordedOnce() {
        String bob = Stack.userToken(Stack.BOB);
        String key = UUID.randomUUID().toString();
        String message = "About your load balancer, " + Stack.unique();

        Response first = contact(bob, key, message);
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        Response retry = contact(bob, key, message);
        retry.then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));

        List<String> mine = given().spec(Stack.gateway(bob)).when().get("/api/privacy/contact-requests/mine?limit=100")
                .then().statusCode(200).extract().path("items.message");
        assertThat(mine).filteredOn(message::equals).hasSize(1);

        contact(bob, key, message + " (edited)").then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422));
        // without a token the key changes nothing: 401 as always
        given().spec(Stack.gateway()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"accountName\":\"alice\",\"message\":\"x\"}").when().post("/api/privacy/contact-requests")
                .then().statusCode(401);
    }
}
