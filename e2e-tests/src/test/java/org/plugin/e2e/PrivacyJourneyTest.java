package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 5's journey through the gateway with real tokens and the real services: a contributor gets
 * their ACCESS document, deactivates, and is erased everywhere once privacy-service's clock passes
 * the grace period; the admin sees the completed job and its certificate before the deadline.
 */
class PrivacyJourneyTest {

    // --- assumptions about the other services' public APIs (issues 3 and 4), kept here to align later ---
    /** Registration body of contributor-service (issue 3). */
    static final String REGISTER = "/api/contributors";
    static final String CONTRIBUTOR_PUBLIC_VIEW = "/api/contributors/%s";
    static final String DEACTIVATION = "/api/contributors/me/deactivation";
    /** The CI-style registration of an Atom version (issue 4), also open to the contributor's own token. */
    static final String ATOM_VERSION = "/api/atoms/%s/versions/%s";
    static final String ATOM_VIEW = "/api/atoms/%s";
    /** Feedback (issue 4, item 7): a comment by the contributor on their Atom, and its list. */
    static final String ATOM_COMMENTS = "/api/atoms/%s/comments";
    static final String COMMENT_FIELD = "body";
    /** The version descriptor atom-service accepts (issue 4, items 1-2). */
    static final String ATOM_DESCRIPTOR = """
            {"atom":{"displayName":"Privacy journey shaper %s","summary":"Shapes packets for the privacy journey",
              "description":"A VNF registered by the privacy end-to-end journey.","kind":"VNF","category":"networking",
              "tags":["e2e","privacy"],"license":"Apache-2.0","sourceUrl":"https://example.org/src/%s"},
             "artifacts":[{"type":"CONTAINER_IMAGE","reference":"registry.example.org/e2e/%s:1.0.0",
               "digest":"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}],
             "languages":["Go"],"connectionPoints":[{"name":"in","protocol":"IP","direction":"IN"}],
             "releaseNotes":"First version","state":"PUBLISHED"}""";

    // --- privacy-service (this issue) ---
    static final String REQUESTS = "/api/privacy/requests";
    static final String JOBS = "/api/privacy/erasure-jobs";
    /** Beyond the default grace period of 7 days. */
    static final String PAST_GRACE = "P8D";
    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void accessThenDeactivationThenErasureEverywhere() {
        String username = Stack.newUser("privacy");
        String token = Stack.userToken(username);
        String account = username.toLowerCase();
        String atom = "pj-" + Stack.unique();
        String comment = "Journey feedback " + Stack.unique();
        String firstName = Stack.personName("Zoë");
        String lastName = Stack.personName("Journey");
        Stack.remember(comment);

        // a contributor with an Atom and a feedback
        given(Stack.gateway(token)).contentType(ContentType.JSON)
                .body(Map.of("accountName", account, "firstName", firstName, "lastName", lastName, "email", username + "@example.org"))
                .when().post(REGISTER).then().statusCode(201);
        given(Stack.gateway(token)).contentType(ContentType.JSON).body(ATOM_DESCRIPTOR.formatted(atom, atom, atom))
                .when().put(ATOM_VERSION.formatted(atom, "1.0.0")).then().statusCode(anyOf(is(200), is(201)));
        given(Stack.gateway(token)).contentType(ContentType.JSON).body(Map.of(COMMENT_FIELD, comment))
                .when().post(ATOM_COMMENTS.formatted(atom)).then().statusCode(anyOf(is(200), is(201)));

        // ACCESS: the document has the profile, the Atom and the feedback
        String requestId = given(Stack.gateway(token)).contentType(ContentType.JSON).body("{\"type\":\"ACCESS\"}")
                .when().post(REQUESTS).then().statusCode(201).extract().path("id");
        await("the ACCESS request to complete", () -> "COMPLETED".equals(given(Stack.gateway(token))
                .when().get(REQUESTS + "/" + requestId).then().statusCode(200).extract().path("status")));
        String document = given(Stack.gateway(token)).when().get(REQUESTS + "/" + requestId + "/export")
                .then().statusCode(200).extract().asString();
        assertThat(document).contains(account, username + "@example.org", firstName, atom, comment);
        String contributorId = JsonPath.from(document).getString("subject.contributorId");
        assertThat(contributorId).isNotBlank();

        // nobody else downloads it
        String other = Stack.userToken(Stack.BOB);
        given(Stack.gateway(other)).when().get(REQUESTS + "/" + requestId + "/export")
                .then().statusCode(anyOf(is(403), is(404)));

        // deactivation reaches privacy-service (contributor-service's outbox) as a scheduled erasure job
        given(Stack.gateway(token)).when().post(DEACTIVATION).then().statusCode(anyOf(is(200), is(201), is(202), is(204)));
        String admin = Stack.userToken(Stack.ADMIN);
        String[] jobId = new String[1];
        await("the erasure job to be scheduled", () -> (jobId[0] = findJob(admin, contributorId)) != null);
        assertThat(given(Stack.gateway(admin)).when().get(JOBS + "/" + jobId[0]).then().statusCode(200)
                .extract().<String>path("status")).isIn("SCHEDULED", "RETRYING");

        // past the grace period, on privacy-service's clock (directly on the service, never through the gateway)
        given().baseUri(Stack.PRIVACY_SERVICE).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("by", PAST_GRACE)).when().post("/internal/clock/advance").then().statusCode(200);
        try {
            await("the erasure job to complete", () -> "COMPLETED".equals(given(Stack.gateway(admin))
                    .when().get(JOBS + "/" + jobId[0]).then().statusCode(200).extract().path("status")));

            // erased everywhere
            given(Stack.gateway(other)).when().get(CONTRIBUTOR_PUBLIC_VIEW.formatted(account)).then().statusCode(404);
            String atomView = given(Stack.gateway(other)).when().get(ATOM_VIEW.formatted(atom)).then().statusCode(200).extract().asString();
            assertThat(atomView).doesNotContain(firstName).doesNotContain(lastName).doesNotContain(account + "\"");
            String comments = given(Stack.gateway(other)).when().get(ATOM_COMMENTS.formatted(atom)).then().statusCode(200).extract().asString();
            assertThat(comments).doesNotContain(comment);

            // the admin's proof, before the deadline
            JsonPath job = given(Stack.gateway(admin)).when().get(JOBS + "/" + jobId[0]).then().statusCode(200)
                    .body("services.status", equalTo(List.of("CONFIRMED", "CONFIRMED", "CONFIRMED"))).extract().jsonPath();
            assertThat(Instant.parse(job.getString("completedAt"))).isBefore(Instant.parse(job.getString("deadline")));
            given(Stack.gateway(admin)).when().get(JOBS + "/" + jobId[0] + "/certificate").then().statusCode(200)
                    .body("contributorId", equalTo(contributorId))
                    .body("completedBeforeDeadline", equalTo(true))
                    .body("hashAlgorithm", equalTo("SHA-256"));
        } finally {
            given().baseUri(Stack.PRIVACY_SERVICE).auth().oauth2(admin).when().post("/internal/clock/reset");
        }
    }

    /** The id of the contributor's erasure job, looking through every page of the admin list; null if none yet. */
    static String findJob(String adminToken, String contributorId) {
        Integer offset = 0;
        while (offset != null) {
            JsonPath page = given(Stack.gateway(adminToken)).queryParam("limit", 100).queryParam("offset", offset)
                    .when().get(JOBS).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                if (contributorId.equals(item.get("contributorId"))) {
                    return (String) item.get("id");
                }
            }
            offset = page.get("nextOffset");
        }
        return null;
    }

    static void await(String what, Supplier<Boolean> condition) {
        Instant until = Instant.now().plus(WAIT);
        while (!condition.get()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Timed out after " + WAIT + " waiting for " + what);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
        }
    }
}
