package org.plugin.privacy.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.privacy.support.Fixtures;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class ContactResourceTest {

    @InjectPeers
    WireMockServer peers;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    record Target(String subject, UUID id, String account) {
    }

    Target target() {
        UUID id = UUID.randomUUID();
        Target t = new Target(Fixtures.unique("target"), id, "t-" + id.toString().substring(0, 8));
        Fixtures.stubContributor(peers, t.subject(), t.id(), t.account());
        return t;
    }

    static long mine(String subject) {
        return given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/contact-requests/mine")
                .then().statusCode(200).extract().<Number>path("total").longValue();
    }

    static String ask(String requester, String account, String message) {
        return given().auth().oauth2(TestTokens.user(requester)).contentType(ContentType.JSON)
                .body(Map.of("accountName", account, "message", message, "replyTo", "reach me on the forum as @ana"))
                .when().post("/api/privacy/contact-requests").then().statusCode(201)
                .body("status", equalTo("PENDING")).body("accountName", equalTo(account))
                .extract().path("id");
    }

    @Nested
    class Personas {
        @Test
        void anonymousAndRolelessCallersAreRefused() {
            given().contentType(ContentType.JSON).body("{\"accountName\":\"abc\",\"message\":\"hi\"}")
                    .when().post("/api/privacy/contact-requests").then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.token().subject("x").sign()).when().get("/api/privacy/contact-requests/mine").then().statusCode(403);
            given().auth().oauth2(TestTokens.user("u")).when().get("/api/privacy/contact-requests").then().statusCode(403);
            given().auth().oauth2(TestTokens.user("u")).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/privacy/contact-requests/" + UUID.randomUUID() + "/relay").then().statusCode(403);
        }
    }

    @Nested
    class Flow {
        @Test
        void relayedRequestsReachTheContributorAndTheRequesterNeverSeesAnEmail() {
            Target t = target();
            String requester = Fixtures.unique("ana");
            String id = ask(requester, t.account(), "I would like to reuse your Atom in my chain");
            String declined = ask(requester, t.account(), "Second thoughts");

            String admin = TestTokens.admin("dpo");
            given().auth().oauth2(admin).queryParam("status", "PENDING").queryParam("limit", 100).when().get("/api/privacy/contact-requests")
                    .then().statusCode(200).body("items.id", hasItem(id)).body("items.status", not(hasItem("RELAYED")));
            // nothing reaches the contributor before an admin relays it
            given().auth().oauth2(TestTokens.user(t.subject())).when().get("/api/privacy/contact-requests/received")
                    .then().statusCode(200).body("total", equalTo(0));

            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"note\":\"forwarded\"}")
                    .when().post("/api/privacy/contact-requests/" + id + "/relay").then().statusCode(200).body("status", equalTo("RELAYED"));
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"note\":\"the contributor asked not to be contacted\"}")
                    .when().post("/api/privacy/contact-requests/" + declined + "/decline").then().statusCode(200).body("status", equalTo("DECLINED"));
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/privacy/contact-requests/" + id + "/decline").then().statusCode(409).contentType("application/problem+json");

            given().auth().oauth2(TestTokens.user(t.subject())).when().get("/api/privacy/contact-requests/received")
                    .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(id))
                    .body("items[0].message", equalTo("I would like to reuse your Atom in my chain"))
                    .body("items[0].replyTo", equalTo("reach me on the forum as @ana"));

            String mine = given().auth().oauth2(TestTokens.user(requester)).when().get("/api/privacy/contact-requests/mine")
                    .then().statusCode(200).body("total", equalTo(2)).body("items.status", equalTo(List.of("DECLINED", "RELAYED")))
                    .body("items.accountName", equalTo(List.of(t.account(), t.account())))
                    .extract().asString();
            assertThat(mine).doesNotContain("@example.org").doesNotContain("\"email\"");
            given().auth().oauth2(TestTokens.user(requester)).when().get("/api/privacy/contact-requests/mine/" + declined)
                    .then().statusCode(200).body("decisionNote", equalTo("the contributor asked not to be contacted"));
            given().auth().oauth2(TestTokens.user(t.subject())).when().get("/api/privacy/contact-requests/mine/" + id).then().statusCode(404);
        }

        @Test
        void accountNamesAreReadFromContributorServiceWhenShownAndNeverKept() throws Exception {
            Target t = target();
            String requester = Fixtures.unique("ana");
            String id = ask(requester, t.account(), "About your Atom");
            String admin = TestTokens.admin("dpo");
            given().auth().oauth2(admin).queryParam("status", "PENDING").queryParam("limit", 100).when().get("/api/privacy/contact-requests")
                    .then().statusCode(200).body("items.find { it.id == '" + id + "' }.accountName", equalTo(t.account()))
                    .body("items.find { it.id == '" + id + "' }.contributorId", equalTo(t.id().toString()));

            // once contributor-service has no name for them (deactivated, erased), none is shown anywhere
            Fixtures.stubName(peers, t.id(), null);
            given().auth().oauth2(TestTokens.user(requester)).when().get("/api/privacy/contact-requests/mine/" + id)
                    .then().statusCode(200).body("accountName", org.hamcrest.Matchers.nullValue()).body("message", equalTo("About your Atom"));
            given().auth().oauth2(admin).queryParam("status", "PENDING").queryParam("limit", 100).when().get("/api/privacy/contact-requests")
                    .then().statusCode(200).body("items.find { it.id == '" + id + "' }.accountName", org.hamcrest.Matchers.nullValue());

            // this service's table holds the contributor's id and nothing else of theirs
            try (var connection = dataSource.getConnection(); var columns = connection.getMetaData().getColumns(null, null, "contact_request", null)) {
                List<String> names = new java.util.ArrayList<>();
                while (columns.next()) {
                    names.add(columns.getString("COLUMN_NAME"));
                }
                assertThat(names).contains("target_contributor_id").noneMatch(n -> n.contains("name") || n.contains("email"));
            }
        }

        @Test
        void listsStillAnswerWhenContributorServiceCannotNameAnyone() {
            Target t = target();
            String requester = Fixtures.unique("ana");
            String id = ask(requester, t.account(), "Hello");
            var down = peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/internal/contributors/names"))
                    .atPriority(1).willReturn(Fixtures.problem(503, "down")));
            try {
                given().auth().oauth2(TestTokens.user(requester)).when().get("/api/privacy/contact-requests/mine")
                        .then().statusCode(200).body("items[0].id", equalTo(id)).body("items[0].accountName", org.hamcrest.Matchers.nullValue());
            } finally {
                peers.removeStub(down);
            }
        }

        @Test
        void aUserWhoIsNotAContributorReceivesNothing() {
            given().auth().oauth2(TestTokens.user(Fixtures.unique("nobody"))).when().get("/api/privacy/contact-requests/received")
                    .then().statusCode(200).body("total", equalTo(0));
        }

        @Test
        void unknownContributorsAndAnUnreachableDirectoryStoreNothing() {
            String requester = Fixtures.unique("ana");
            given().auth().oauth2(TestTokens.user(requester)).contentType(ContentType.JSON)
                    .body("{\"accountName\":\"nobody-here\",\"message\":\"hello\"}")
                    .when().post("/api/privacy/contact-requests").then().statusCode(404).contentType("application/problem+json")
                    // the detail never repeats the name asked: problem details are logged, and anyone can send any text here
                    .body("detail", equalTo("No contributor with this account name"));
            peers.stubFor(get(urlPathEqualTo("/internal/contributors/resolve"))
                    .withQueryParam("accountName", com.github.tomakehurst.wiremock.client.WireMock.equalTo("flaky-directory"))
                    .willReturn(Fixtures.problem(503, "down")));
            given().auth().oauth2(TestTokens.user(requester)).contentType(ContentType.JSON)
                    .body("{\"accountName\":\"flaky-directory\",\"message\":\"hello\"}")
                    .when().post("/api/privacy/contact-requests").then().statusCode(503).contentType("application/problem+json");
            assertThat(mine(requester)).isZero();
        }

        @Test
        void aRestrictedContributorIsNotContacted() {
            UUID id = UUID.randomUUID();
            String account = "r-" + id.toString().substring(0, 8);
            peers.stubFor(get(urlPathEqualTo("/internal/contributors/resolve"))
                    .withQueryParam("accountName", com.github.tomakehurst.wiremock.client.WireMock.equalTo(account))
                    .willReturn(Fixtures.json(200, "{\"id\":\"" + id + "\",\"accountName\":\"" + account + "\",\"status\":\"ACTIVE\",\"restricted\":true}")));
            String requester = Fixtures.unique("ana");
            given().auth().oauth2(TestTokens.user(requester)).contentType(ContentType.JSON)
                    .body(Map.of("accountName", account, "message", "hello"))
                    .when().post("/api/privacy/contact-requests").then().statusCode(409).contentType("application/problem+json");
            assertThat(mine(requester)).isZero();
        }

        @Test
        void hostileBodiesAreProblems() {
            Target t = target();
            String requester = Fixtures.unique("hostile");
            for (String body : List.of(
                    "{\"accountName\":\"" + t.account() + "\",\"message\":\"<script>alert(1)</script>\"}",
                    "{\"accountName\":\"" + t.account() + "\",\"message\":\"" + "x".repeat(2001) + "\"}",
                    "{\"accountName\":\"" + t.account() + "\",\"message\":\"\"}",
                    "{\"accountName\":\"Robert'); DROP TABLE contact_request;--\",\"message\":\"hi\"}",
                    "{\"accountName\":\"" + t.account() + "\",\"message\":\"hi\",\"email\":\"give-me@example.org\"}",
                    "{\"accountName\":[\"" + t.account() + "\"],\"message\":\"hi\"}",
                    "{\"accountName\":")) {
                given().auth().oauth2(TestTokens.user(requester)).contentType(ContentType.JSON).body(body)
                        .when().post("/api/privacy/contact-requests").then().statusCode(400).contentType("application/problem+json");
            }
            assertThat(mine(requester)).isZero();
        }

        @Test
        void hostileDecisionsAreProblemsAndDecideNothing() {
            Target t = target();
            String requester = Fixtures.unique("ana");
            String id = ask(requester, t.account(), "Hello there");
            String admin = TestTokens.admin("dpo");
            for (String body : List.of("{\"note\":\"<script>alert(1)</script>\"}", "{\"note\":\"" + "n".repeat(1001) + "\"}",
                    "{\"note\":\"\\u0000\"}", "{\"note\":42}", "{\"note\":\"ok\",\"status\":\"RELAYED\"}", "{\"note\":")) {
                for (String decision : List.of("relay", "decline")) {
                    given().auth().oauth2(admin).contentType(ContentType.JSON).body(body)
                            .when().post("/api/privacy/contact-requests/" + id + "/" + decision)
                            .then().statusCode(400).contentType("application/problem+json");
                }
            }
            given().auth().oauth2(TestTokens.user(requester)).when().get("/api/privacy/contact-requests/mine/" + id)
                    .then().statusCode(200).body("status", equalTo("PENDING")).body("decidedAt", org.hamcrest.Matchers.nullValue());
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/privacy/contact-requests/" + UUID.randomUUID() + "/relay")
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }
}
