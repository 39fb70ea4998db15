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
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 16, in-app half, through the gateway with real tokens: a chain owner hears that alice deprecated
 * the version their chain uses, without subscribing; a subscriber hears of a new version; both are in the
 * subscriber's ACCESS export and gone with their account once erased.
 *
 * <p>Runs after the other journeys (before StackLogsTest): moving privacy-service's clock past the grace
 * period runs every erasure job then scheduled, those of the other journeys' deactivated users too.
 */
@Order(Integer.MAX_VALUE - 1)
class NotificationJourneyTest {

    static final String DEPRECATED = "org.plugin.atom.version.deprecated";
    static final String PUBLISHED = "org.plugin.atom.version.published";

    @BeforeAll
    static void contributors() {
        AtomJourneyTest.contributors();
    }

    static String publish(String token, String atom, String version, char digest) {
        given().spec(Stack.gateway(token)).contentType(ContentType.JSON).body(AtomJourneyTest.descriptor("notice", digest, AtomJourneyTest.HTTP_POINTS))
                .when().put("/api/atoms/" + atom + "/versions/" + version).then().statusCode(201);
        return atom;
    }

    /** Waits for the caller's notification about this Atom and type (the dispatcher runs right after the commit). */
    static Map<String, Object> awaitNotification(String token, String atom, String type) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<Map<String, Object>> items = given().spec(Stack.gateway(token)).queryParam("limit", 100).when().get("/api/notifications")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            Optional<Map<String, Object>> found = items.stream().filter(n -> atom.equals(n.get("atom")) && type.equals(n.get("type"))).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(Instant.now()).as("a notification %s about %s within 30 s", type, atom).isBefore(until);
            sleep();
        }
    }

    static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aChainOwnerIsNotifiedWhenAliceDeprecatesAVersionTheirChainUses() {
        String alice = Stack.userToken(Stack.ALICE);
        String bob = Stack.userToken(Stack.BOB);
        String atom = publish(alice, "notice-fw-" + Stack.unique(), "1.0.0", 'a');
        publish(alice, atom, "1.1.0", 'b');
        String chain = "notice-chain-" + Stack.unique();
        given().spec(Stack.gateway(bob)).contentType(ContentType.JSON)
                .body("{\"name\":\"%s\",\"nodes\":[{\"key\":\"fw\",\"atom\":\"%s\",\"version\":\"1.0.0\"}],\"links\":[]}".formatted(chain, atom))
                .when().post("/api/chains").then().statusCode(201);

        given().spec(Stack.gateway(alice)).when().post("/api/atoms/" + atom + "/versions/1.0.0/deprecation").then().statusCode(200);

        Map<String, Object> notice = awaitNotification(bob, atom, DEPRECATED);
        assertThat(notice).containsEntry("version", "1.0.0").containsEntry("chains", List.of(chain)).containsEntry("read", false);
        // unread first; marking it read moves it after the unread ones
        given().spec(Stack.gateway(bob)).when().put("/api/notifications/" + notice.get("id") + "/read").then().statusCode(200)
                .body("read", equalTo(true));
        given().spec(Stack.gateway(bob)).queryParam("unread", true).queryParam("limit", 100).when().get("/api/notifications").then()
                .statusCode(200).body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(notice.get("id"))));
        // alice's 1.1.0 is not what bob's chain uses, and bob follows nothing: no other news of this Atom
        List<Map<String, Object>> all = given().spec(Stack.gateway(bob)).queryParam("limit", 100).when().get("/api/notifications").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(all.stream().filter(n -> atom.equals(n.get("atom")))).hasSize(1);
        // without a token, the gateway refuses
        given().spec(Stack.gateway()).when().get("/api/notifications").then().statusCode(401);
    }

    @Test
    void aSubscribersNotificationsAndSubscriptionsAreExportedThenErasedWithTheAccount() {
        String alice = Stack.userToken(Stack.ALICE);
        String username = Stack.newUser("follower");
        String token = Stack.userToken(username);
        String account = username.toLowerCase();
        given().spec(Stack.gateway(token)).contentType(ContentType.JSON)
                .body(Map.of("accountName", account, "firstName", Stack.personName("Fola"), "lastName", Stack.personName("Follower"),
                        "email", username + "@example.org"))
                .when().post(PrivacyJourneyTest.REGISTER).then().statusCode(201);
        String atom = publish(alice, "notice-sub-" + Stack.unique(), "1.0.0", 'a');

        given().spec(Stack.gateway(token)).when().put("/api/atoms/" + atom + "/subscription").then().statusCode(201).body("atom", equalTo(atom));
        given().spec(Stack.gateway(token)).when().put("/api/atoms/" + atom + "/subscription").then().statusCode(200);
        publish(alice, atom, "1.1.0", 'b');
        assertThat(awaitNotification(token, atom, PUBLISHED)).containsEntry("version", "1.1.0").containsEntry("chains", List.of());

        // ACCESS: both are in the document
        String requestId = given().spec(Stack.gateway(token)).contentType(ContentType.JSON).body("{\"type\":\"ACCESS\"}")
                .when().post(PrivacyJourneyTest.REQUESTS).then().statusCode(201).extract().path("id");
        PrivacyJourneyTest.await("the ACCESS request to complete", () -> "COMPLETED".equals(given().spec(Stack.gateway(token))
                .when().get(PrivacyJourneyTest.REQUESTS + "/" + requestId).then().statusCode(200).extract().path("status")));
        JsonPath document = given().spec(Stack.gateway(token)).when().get(PrivacyJourneyTest.REQUESTS + "/" + requestId + "/export")
                .then().statusCode(200).extract().jsonPath();
        assertThat(document.getList("contributions.subscriptions.atom")).contains(atom);
        assertThat(document.getList("contributions.notifications.type")).contains(PUBLISHED);
        String contributorId = document.getString("subject.contributorId");

        // deactivation, then erasure past the grace period (privacy-service's clock, on the service itself)
        given().spec(Stack.gateway(token)).when().post(PrivacyJourneyTest.DEACTIVATION).then().statusCode(anyOf(is(200), is(201), is(202), is(204)));
        String admin = Stack.userToken(Stack.ADMIN);
        String[] jobId = new String[1];
        PrivacyJourneyTest.await("the erasure job to be scheduled", () -> (jobId[0] = PrivacyJourneyTest.findJob(admin, contributorId)) != null);
        given().baseUri(Stack.PRIVACY_SERVICE).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("by", PrivacyJourneyTest.PAST_GRACE)).when().post("/internal/clock/advance").then().statusCode(200);
        try {
            PrivacyJourneyTest.await("the erasure job to complete", () -> "COMPLETED".equals(given().spec(Stack.gateway(admin))
                    .when().get(PrivacyJourneyTest.JOBS + "/" + jobId[0]).then().statusCode(200).extract().path("status")));
        } finally {
            given().baseUri(Stack.PRIVACY_SERVICE).auth().oauth2(admin).when().post("/internal/clock/reset");
        }
        assertThat(Databases.holding(contributorId)).as("tables still holding the erased subscriber's id")
                .doesNotContain("atom.notification", "atom.atom_subscription");
    }
}
