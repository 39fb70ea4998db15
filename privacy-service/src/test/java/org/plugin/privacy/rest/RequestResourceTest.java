package org.plugin.privacy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.common.time.PlatformClock;
import org.plugin.privacy.support.Fixtures;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class RequestResourceTest {

    @Inject
    PlatformClock clock;

    @Inject
    org.plugin.privacy.repository.RequestRepository requests;

    static Response file(String subject, String body) {
        return given().auth().oauth2(TestTokens.user(subject)).contentType(ContentType.JSON).body(body)
                .when().post("/api/privacy/requests");
    }

    static String fileId(String subject, String type) {
        return file(subject, "{\"type\":\"" + type + "\"}").then().statusCode(201).extract().path("id");
    }

    static long countMine(String subject) {
        return given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/requests/mine")
                .then().statusCode(200).extract().<Number>path("total").longValue();
    }

    static String admin() {
        return TestTokens.admin(Fixtures.unique("admin"));
    }

    @Nested
    class Anonymous {
        @Test
        void cannotFileOrList() {
            given().contentType(ContentType.JSON).body("{\"type\":\"ACCESS\"}").when().post("/api/privacy/requests")
                    .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
            given().when().get("/api/privacy/requests/mine").then().statusCode(401).contentType("application/problem+json");
            given().when().get("/api/privacy/requests").then().statusCode(401).contentType("application/problem+json");
        }

        @Test
        void expiredOrForeignTokensAreRejected() {
            String expired = TestTokens.token().subject("late").roles("user").expiresAt(Instant.now().minusSeconds(60)).sign();
            given().auth().oauth2(expired).when().get("/api/privacy/requests/mine").then().statusCode(401).contentType("application/problem+json");
            String otherAudience = TestTokens.token().subject("x").roles("user").audience("another-api").sign();
            given().auth().oauth2(otherAudience).when().get("/api/privacy/requests/mine").then().statusCode(401);
        }

        @Test
        void aTokenWithoutTheUserRoleIsForbidden() {
            given().auth().oauth2(TestTokens.token().subject("no-role").sign()).contentType(ContentType.JSON).body("{\"type\":\"ACCESS\"}")
                    .when().post("/api/privacy/requests").then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.service("atom-service")).when().get("/api/privacy/requests/mine").then().statusCode(403);
        }
    }

    @Nested
    class Requester {
        @Test
        void filesARequestDueOneCalendarMonthLaterWithItsHistory() {
            String subject = Fixtures.unique("req");
            LocalDate today = clock.today();
            Response created = file(subject, "{\"type\":\"OBJECTION\",\"reason\":\"I object to the visibility of my name\"}");
            created.then().statusCode(201)
                    .header("Location", containsString("/api/privacy/requests/"))
                    .body("type", equalTo("OBJECTION"))
                    .body("status", equalTo("RECEIVED"))
                    .body("subject", equalTo(subject))
                    .body("dueDate", equalTo(today.plusMonths(1).toString()))
                    .body("overdue", equalTo(false))
                    .body("details.reason", equalTo("I object to the visibility of my name"))
                    .body("history[0].action", equalTo("RECEIVED"))
                    .body("history[0].actor", equalTo("requester"))
                    .body("history[0].toStatus", equalTo("RECEIVED"));
            String id = created.path("id");
            given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/requests/" + id)
                    .then().statusCode(200).body("id", equalTo(id));
        }

        @Test
        void automaticTypesStartInProgress() {
            String subject = Fixtures.unique("auto");
            file(subject, "{\"type\":\"ACCESS\"}").then().statusCode(201)
                    .body("status", equalTo("IN_PROGRESS")).body("workPending", equalTo(true))
                    .body("history.action", equalTo(List.of("RECEIVED", "STARTED")));
        }

        @Test
        void anOpenRequestOfTheSameTypeIsReturnedNotDuplicated() {
            String subject = Fixtures.unique("dup");
            String first = fileId(subject, "RESTRICTION");
            file(subject, "{\"type\":\"RESTRICTION\",\"reason\":\"again\"}").then().statusCode(200).body("id", equalTo(first));
            // another type is another request
            fileId(subject, "ERASURE");
            assertThat(countMine(subject)).isEqualTo(2);
        }

        @Test
        void twoIdenticalRequestsRacingMakeOneRow() throws Exception {
            String subject = Fixtures.unique("race");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Response>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(() -> file(subject, "{\"type\":\"OBJECTION\"}"));
                }
                List<Integer> statuses = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (Future<Response> f : pool.invokeAll(calls)) {
                    statuses.add(f.get().statusCode());
                    ids.add(f.get().path("id"));
                }
                assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
                assertThat(ids).containsOnly(ids.get(0));
            } finally {
                pool.shutdownNow();
            }
            assertThat(countMine(subject)).isEqualTo(1);
        }

        @Test
        void seesOnlyTheirOwnRequests() {
            String alice = Fixtures.unique("alice");
            String bob = Fixtures.unique("bob");
            String aliceRequest = fileId(alice, "OBJECTION");
            fileId(bob, "OBJECTION");
            given().auth().oauth2(TestTokens.user(alice)).when().get("/api/privacy/requests/mine")
                    .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(aliceRequest));
            given().auth().oauth2(TestTokens.user(bob)).when().get("/api/privacy/requests/" + aliceRequest)
                    .then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.user(bob)).when().get("/api/privacy/requests")
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.user(bob)).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/privacy/requests/" + aliceRequest + "/approve").then().statusCode(403);
        }

        @Test
        void cannotDownloadWhatIsNotAnExport() {
            String subject = Fixtures.unique("noexport");
            String id = fileId(subject, "OBJECTION");
            given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/requests/" + id + "/export")
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Nested
    class Admin {
        @Test
        void approvesRejectsCompletesWithEveryChangeInTheHistory() {
            String subject = Fixtures.unique("adm");
            String objection = fileId(subject, "OBJECTION");
            String erasure = fileId(subject, "ERASURE");
            String adminSubject = Fixtures.unique("dpo");
            String token = TestTokens.admin(adminSubject);

            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"reason\":\"Legitimate grounds override the objection\"}")
                    .when().post("/api/privacy/requests/" + objection + "/reject")
                    .then().statusCode(200).body("status", equalTo("REJECTED"))
                    .body("rejectionReason", equalTo("Legitimate grounds override the objection"))
                    .body("history[-1].actor", equalTo("admin:" + adminSubject))
                    .body("history[-1].fromStatus", equalTo("RECEIVED"))
                    .body("history[-1].toStatus", equalTo("REJECTED"));
            // decided requests stay decided
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/privacy/requests/" + objection + "/approve").then().statusCode(409).contentType("application/problem+json");
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"note\":\"x\"}")
                    .when().post("/api/privacy/requests/" + objection + "/complete").then().statusCode(409);

            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"note\":\"identity verified\"}")
                    .when().post("/api/privacy/requests/" + erasure + "/approve")
                    .then().statusCode(200).body("status", equalTo("IN_PROGRESS")).body("workPending", equalTo(true))
                    .body("history[-1].action", equalTo("APPROVED")).body("history[-1].note", equalTo("identity verified"));
            // the erasure is the service's work: not completed by hand
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/privacy/requests/" + erasure + "/complete").then().statusCode(409);
            // a new objection of the same subject is a new request: the first one is closed
            String second = fileId(subject, "OBJECTION");
            assertThat(second).isNotEqualTo(objection);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().post("/api/privacy/requests/" + second + "/approve")
                    .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        }

        @Test
        void completesARequestHandledOutsideTheServiceWithItsNote() {
            String subject = Fixtures.unique("by-hand");
            String id = fileId(subject, "OBJECTION");
            String adminSubject = Fixtures.unique("dpo");
            given().auth().oauth2(TestTokens.admin(adminSubject)).contentType(ContentType.JSON)
                    .body("{\"note\":\"Answered by letter on the processing concerned\"}")
                    .when().post("/api/privacy/requests/" + id + "/complete")
                    .then().statusCode(200).body("status", equalTo("COMPLETED")).body("completedAt", notNullValue())
                    .body("history[-1].action", equalTo("COMPLETED")).body("history[-1].actor", equalTo("admin:" + adminSubject))
                    .body("history[-1].fromStatus", equalTo("RECEIVED")).body("history[-1].note", equalTo("Answered by letter on the processing concerned"));
            given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/requests/" + id).then().statusCode(200)
                    .body("status", equalTo("COMPLETED"));
        }

        @Test
        void aRejectedRectificationKeepsTheFieldNamesNotTheNewValues() {
            String subject = Fixtures.unique("rect-rejected");
            String id = file(subject, "{\"type\":\"RECTIFICATION\",\"rectification\":{\"email\":\"new.address@example.org\",\"lastName\":\"Durand\"}}")
                    .then().statusCode(201).extract().path("id");
            String body = given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"reason\":\"Identity not proven\"}")
                    .when().post("/api/privacy/requests/" + id + "/reject")
                    .then().statusCode(200).body("status", equalTo("REJECTED"))
                    .body("details.rectifiedFields", equalTo(List.of("lastName", "email"))).extract().asString();
            assertThat(body).doesNotContain("new.address@example.org").doesNotContain("Durand");
        }

        @Test
        void aRequestTheServiceIsApplyingRightNowIsNotRejectedUnderIt() {
            String subject = Fixtures.unique("leased");
            String id = fileId(subject, "RESTRICTION");
            String token = admin();
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().post("/api/privacy/requests/" + id + "/approve")
                    .then().statusCode(200);
            // a worker has claimed it and is calling the other services
            java.time.Instant until = clock.instant().plus(java.time.Duration.ofMinutes(2));
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> requests.update("leaseUntil = ?1 where id = ?2", until, java.util.UUID.fromString(id)));
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"reason\":\"changed my mind\"}")
                    .when().post("/api/privacy/requests/" + id + "/reject")
                    .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("right now"));
            // once the lease is over (the worker finished or died), the admin decides
            Fixtures.later(clock, java.time.Duration.ofMinutes(3), () -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"reason\":\"changed my mind\"}").when().post("/api/privacy/requests/" + id + "/reject")
                    .then().statusCode(200).body("status", equalTo("REJECTED")));
        }

        @Test
        void automaticRequestsAreNotApproved() {
            String id = fileId(Fixtures.unique("auto-adm"), "PORTABILITY");
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/privacy/requests/" + id + "/approve")
                    .then().statusCode(409).body("detail", containsString("on its own"));
        }

        @Test
        void extendsByTwoMonthsAtMostWithAReason() {
            String subject = Fixtures.unique("ext");
            var created = file(subject, "{\"type\":\"RESTRICTION\"}").then().statusCode(201).extract();
            String id = created.path("id");
            LocalDate received = LocalDate.ofInstant(Instant.parse(created.path("receivedAt")), PlatformClock.OPERATOR_ZONE);
            String token = admin();
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"months\":1}")
                    .when().post("/api/privacy/requests/" + id + "/extend")
                    .then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"months\":3,\"reason\":\"complex\"}")
                    .when().post("/api/privacy/requests/" + id + "/extend").then().statusCode(400);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"months\":1,\"reason\":\"Many services to check\"}")
                    .when().post("/api/privacy/requests/" + id + "/extend")
                    .then().statusCode(200).body("extendedMonths", equalTo(1)).body("dueDate", equalTo(received.plusMonths(2).toString()))
                    .body("history[-1].action", equalTo("EXTENDED")).body("history[-1].note", containsString("Many services to check"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"months\":2,\"reason\":\"more\"}")
                    .when().post("/api/privacy/requests/" + id + "/extend")
                    .then().statusCode(409).body("detail", containsString("2 months at most"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"months\":1,\"reason\":\"last one\"}")
                    .when().post("/api/privacy/requests/" + id + "/extend")
                    .then().statusCode(200).body("extendedMonths", equalTo(2)).body("dueDate", equalTo(received.plusMonths(3).toString()));
        }

        @Test
        void listsByDueDateWithFilters() {
            String token = admin();
            String early = Fixtures.unique("early");
            String late = Fixtures.unique("late");
            String earlyId = fileId(early, "RESTRICTION");
            String lateId = Fixtures.laterGet(clock, java.time.Duration.ofDays(3), () -> fileId(late, "RESTRICTION"));
            List<String> ids = given().auth().oauth2(token).queryParam("type", "RESTRICTION").queryParam("status", "RECEIVED").queryParam("limit", 100)
                    .when().get("/api/privacy/requests")
                    .then().statusCode(200).body("items.type", everyItem(equalTo("RESTRICTION")))
                    .body("items.status", everyItem(equalTo("RECEIVED"))).extract().path("items.id");
            assertThat(ids).contains(earlyId, lateId);
            assertThat(ids.indexOf(earlyId)).isLessThan(ids.indexOf(lateId));
            List<String> dueDates = given().auth().oauth2(token).queryParam("limit", 100).when().get("/api/privacy/requests")
                    .then().statusCode(200).body("items.find { it.id == '" + earlyId + "' }.history.action", equalTo(List.of("RECEIVED")))
                    .extract().path("items.dueDate");
            assertThat(dueDates).isSorted();

            // one month and two days later, the early one is overdue and the late one not yet
            Fixtures.later(clock, java.time.Duration.ofDays(33), () -> {
                List<String> overdue = given().auth().oauth2(token).queryParam("overdue", true).queryParam("limit", 100)
                        .when().get("/api/privacy/requests").then().statusCode(200)
                        .body("items.overdue", everyItem(equalTo(true))).extract().path("items.id");
                assertThat(overdue).contains(earlyId).doesNotContain(lateId);
                given().auth().oauth2(token).queryParam("overdue", false).queryParam("limit", 100).when().get("/api/privacy/requests")
                        .then().statusCode(200).body("items.id", hasItem(lateId));
            });
        }

        @Test
        void hostileDecisionsAreProblemsAndChangeNothing() {
            String subject = Fixtures.unique("hostile-decision");
            String id = fileId(subject, "OBJECTION");
            String token = admin();
            for (String body : List.of("{\"reason\":\"<script>alert(1)</script>\"}", "{\"reason\":\"" + "r".repeat(1001) + "\"}",
                    "{\"reason\":\"   \"}", "{\"reason\":42}", "{\"reason\":\"ok\",\"status\":\"COMPLETED\"}", "{\"reason\":")) {
                given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/privacy/requests/" + id + "/reject")
                        .then().statusCode(400).contentType("application/problem+json");
            }
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"months\":\"two\",\"reason\":\"x\"}")
                    .when().post("/api/privacy/requests/" + id + "/extend").then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"note\":\"\\u0007bell\"}")
                    .when().post("/api/privacy/requests/" + id + "/approve").then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/requests/" + id).then().statusCode(200)
                    .body("status", equalTo("RECEIVED")).body("extendedMonths", equalTo(0)).body("history.action", equalTo(List.of("RECEIVED")));
        }

        @Test
        void unknownIdsAndFiltersAreProblems() {
            String token = admin();
            given().auth().oauth2(token).when().get("/api/privacy/requests/" + java.util.UUID.randomUUID())
                    .then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(token).when().get("/api/privacy/requests/not-a-uuid").then().statusCode(404);
            given().auth().oauth2(token).queryParam("status", "SOMETHING").when().get("/api/privacy/requests")
                    .then().statusCode(400).body("detail", containsString("RECEIVED")).contentType("application/problem+json");
            given().auth().oauth2(token).queryParam("limit", 1000).when().get("/api/privacy/requests")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Nested
    class Deadlines {
        @Test
        void januaryThirtyFirstIsDueOnTheLastDayOfFebruary() {
            Fixtures.at(clock, Instant.parse("2028-01-31T10:00:00Z"), () -> file(Fixtures.unique("leap"), "{\"type\":\"OBJECTION\"}")
                    .then().statusCode(201).body("dueDate", equalTo("2028-02-29")));
            Fixtures.at(clock, Instant.parse("2027-01-31T10:00:00Z"), () -> file(Fixtures.unique("common"), "{\"type\":\"OBJECTION\"}")
                    .then().statusCode(201).body("dueDate", equalTo("2027-02-28")));
        }

        @Test
        void anExtensionCountsCalendarMonthsFromReceipt() {
            Fixtures.at(clock, Instant.parse("2027-01-31T10:00:00Z"), () -> {
                String id = file(Fixtures.unique("ext-jan"), "{\"type\":\"RESTRICTION\"}").then().statusCode(201)
                        .body("dueDate", equalTo("2027-02-28")).extract().path("id");
                // January 31st plus two months is March 31st, not February 28th plus one month
                given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"months\":1,\"reason\":\"Archives to search\"}")
                        .when().post("/api/privacy/requests/" + id + "/extend")
                        .then().statusCode(200).body("dueDate", equalTo("2027-03-31"));
            });
        }

        @Test
        void theDateIsTakenInParisAcrossTheDaylightSavingChange() {
            // 2027-03-31T23:30Z is already April 1st in Paris (CEST, UTC+2): due May 1st, not April 30th
            Fixtures.at(clock, Instant.parse("2027-03-31T23:30:00Z"), () -> file(Fixtures.unique("dst"), "{\"type\":\"OBJECTION\"}")
                    .then().statusCode(201).body("dueDate", equalTo("2027-05-01")));
            // the night clocks go back (2026-10-25): received at 00:30Z = 02:30 CEST, due on November 25th
            Fixtures.at(clock, Instant.parse("2026-10-25T00:30:00Z"), () -> file(Fixtures.unique("dst2"), "{\"type\":\"OBJECTION\"}")
                    .then().statusCode(201).body("dueDate", equalTo("2026-11-25")));
        }
    }

    @Nested
    class HostileInput {
        void refused(String subject, byte[] body, String detailPart) {
            var response = given().auth().oauth2(TestTokens.user(subject)).contentType("application/json").body(body)
                    .when().post("/api/privacy/requests")
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
            if (detailPart != null) {
                response.body(containsString(detailPart));
            }
            assertThat(countMine(subject)).isZero();
        }

        void refused(String subject, String body, String detailPart) {
            refused(subject, body.getBytes(StandardCharsets.UTF_8), detailPart);
        }

        @Test
        void everyBadBodyIsAProblemAndNothingIsStored() {
            String s = Fixtures.unique("hostile");
            refused(s, "{\"type\":", "not valid JSON");
            refused(s, "{\"type\":\"DELETE_EVERYTHING\"}", "type");
            refused(s, "{\"type\":42}", null);
            refused(s, "{\"type\":\"ACCESS\",\"admin\":true}", "Unknown field 'admin'");
            refused(s, "{}", "type");
            refused(s, "[\"ACCESS\"]", null);
            refused(s, "{\"type\":\"OBJECTION\",\"reason\":\"<script>alert(1)</script>\"}", "reason");
            refused(s, "{\"type\":\"OBJECTION\",\"reason\":\"" + "x".repeat(2001) + "\"}", "reason");
            refused(s, "{\"type\":\"OBJECTION\",\"reason\":\"'; DROP TABLE privacy_request; --\\u0000\"}", "reason");
            refused(s, "{\"type\":\"ACCESS\",\"rectification\":{\"firstName\":\"Zoë\"}}", "rectification");
            refused(s, "{\"type\":\"RECTIFICATION\"}", "rectification");
            refused(s, "{\"type\":\"RECTIFICATION\",\"rectification\":{}}", "rectification");
            refused(s, "{\"type\":\"RECTIFICATION\",\"rectification\":{\"email\":\"not-an-email\"}}", "email");
            refused(s, "{\"type\":\"RECTIFICATION\",\"rectification\":{\"firstName\":\"Robert'); DROP TABLE--\"}}", "firstName");
            byte[] invalidUtf8 = { '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
            refused(s, invalidUtf8, null);
        }

        @Test
        void aSqlFragmentInAValidReasonIsStoredAsText() {
            String s = Fixtures.unique("sql");
            file(s, "{\"type\":\"OBJECTION\",\"reason\":\"x' OR '1'='1\"}").then().statusCode(201)
                    .body("details.reason", equalTo("x' OR '1'='1"));
        }

        @Test
        void oversizeBodiesAre413() {
            String s = Fixtures.unique("big");
            given().auth().oauth2(TestTokens.user(s)).contentType(ContentType.JSON)
                    .body("{\"type\":\"OBJECTION\",\"reason\":\"" + "x".repeat(70_000) + "\"}")
                    .when().post("/api/privacy/requests")
                    .then().statusCode(413).contentType("application/problem+json");
            assertThat(countMine(s)).isZero();
        }

        @Test
        void wrongMediaTypeIs415() {
            given().auth().oauth2(TestTokens.user(Fixtures.unique("media"))).contentType(ContentType.TEXT).body("type=ACCESS")
                    .when().post("/api/privacy/requests").then().statusCode(415).contentType("application/problem+json");
        }
    }

    @Test
    void openApiDocumentsTheEndpoints() {
        given().when().get("/api/privacy/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/privacy/requests'.post.responses.'201'.description", notNullValue())
                .body("paths.'/api/privacy/erasure-jobs/{id}/certificate'.get.responses.'409'", notNullValue())
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
    }
}
