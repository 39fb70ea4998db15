package org.plugin.privacy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class NoticeResourceTest {

    @Inject
    PlatformClock clock;

    /** The content of the notice in force, to publish a variant of it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> currentContent() {
        return given().when().get("/api/privacy/notice").then().statusCode(200).extract().path("current.content");
    }

    static Map<String, Object> version(String version, String effectiveDate, Map<String, Object> content) {
        return Map.of("version", version, "effectiveDate", effectiveDate, "content", content);
    }

    @Nested
    class Public {
        @Test
        void theNoticeIsTheRealOneWithItsProcessingFacts() {
            given().when().get("/api/privacy/notice").then().statusCode(200).contentType(ContentType.JSON)
                    .body("current.content.controller", containsString("Orange S.A."))
                    .body("current.content.purposes.purpose", hasItem(containsString("keeping track of who contributed what")))
                    .body("current.content.purposes.legalBasis", hasItem(containsString("Legitimate interest")))
                    .body("current.content.dataCategories", hasItems("account name", "last name", "first name", "email address"))
                    .body("current.content.recipients", hasItem(containsString("only by Orange")))
                    .body("current.content.recipients", hasItem(containsString("competent authorities")))
                    .body("current.content.retention", hasItem(containsString("at most 1 month from the deactivation date")))
                    // since 29/11/2026: the identity provider's account and the logs
                    .body("current.version", equalTo("2026-11-29"))
                    .body("current.content.recipients", hasItem(containsString("identity provider (Keycloak")))
                    .body("current.content.retention", hasItem(allOf(containsString("login account at the identity provider is disabled at once"),
                            containsString("deleted with the rest of the data"), containsString("erasure certificate"))))
                    .body("current.content.retention", hasItem(allOf(containsString("no query string"), containsString("/api/contributors/{accountName}"))))
                    .body("current.content.retention", hasItem(allOf(containsString("rotated daily"), containsString("7 days by default"),
                            containsString("always shorter than the 1-month erasure deadline"))))
                    .body("current.content.rights", hasItem(containsString("Portability")))
                    .body("current.content.rights", hasItem(containsString("CNIL")))
                    .body("current.content.dataLocation", containsString("EU"))
                    .body("current.content.contactPoints.role", hasItem("Data Protection Officer"))
                    .body("versions.version", hasItem("2020-07-08"));
            given().when().get("/api/privacy/notice/versions/2020-07-08").then().statusCode(200)
                    .body("effectiveDate", equalTo("2020-07-08")).body("content.title", containsString("Personal Data Notice"));
        }

        @Test
        void theCookieRegisterIsPublic() {
            given().when().get("/api/privacy/cookies").then().statusCode(200)
                    .body("cookies.name", equalTo(List.of("_ga", "_gid", "_dc_gtm_*")))
                    .body("cookies.retention", equalTo(List.of("2 years", "24 hours", "1 minute")))
                    .body("cookies.owner", hasItem("Orange"))
                    .body("cookies.purpose", hasItem("audience measurement"));
        }

        @Test
        void unknownVersionsAre404() {
            given().when().get("/api/privacy/notice/versions/1999-01-01").then().statusCode(404).contentType("application/problem+json");
            // what no version can be named, the database never sees (a NUL byte made it fail)
            for (String hostile : List.of("%00", "a%00b", "x'%20OR%20'1'='1", "%C3%28", "v".repeat(41))) {
                given().urlEncodingEnabled(false).when().get("/api/privacy/notice/versions/" + hostile)
                        .then().statusCode(404).contentType("application/problem+json");
            }
        }
    }

    @Nested
    class Publishing {
        @Test
        void onlyAdminsPublish() {
            var body = version("v-" + UUID.randomUUID().toString().substring(0, 8), clock.today().plusDays(30).toString(), currentContent());
            given().contentType(ContentType.JSON).body(body).when().post("/api/privacy/notice/versions").then().statusCode(401);
            given().auth().oauth2(TestTokens.user("u")).contentType(ContentType.JSON).body(body).when().post("/api/privacy/notice/versions")
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.service("atom-service")).contentType(ContentType.JSON).body(body).when().post("/api/privacy/notice/versions")
                    .then().statusCode(403);
        }

        @Test
        void aNewVersionTakesEffectOnItsDateAndPastVersionsStayReadable() {
            Map<String, Object> content = new java.util.HashMap<>(currentContent());
            content.put("summary", "Updated summary " + UUID.randomUUID());
            String future = "future-" + UUID.randomUUID().toString().substring(0, 8);
            given().auth().oauth2(TestTokens.admin("dpo")).contentType(ContentType.JSON).body(version(future, clock.today().plusDays(10).toString(), content))
                    .when().post("/api/privacy/notice/versions").then().statusCode(201)
                    .header("Location", containsString("/api/privacy/notice/versions/" + future)).body("current", equalTo(false));
            String before = given().when().get("/api/privacy/notice").then().statusCode(200)
                    .body("versions.version", hasItem(future)).extract().path("current.version");
            assertThat(before).isNotEqualTo(future);

            Fixtures.later(clock, java.time.Duration.ofDays(11), () -> {
                given().when().get("/api/privacy/notice").then().statusCode(200)
                        .body("current.version", equalTo(future)).body("current.content.summary", equalTo(content.get("summary")));
                given().when().get("/api/privacy/notice/versions/" + before).then().statusCode(200).body("current", equalTo(false));
                given().when().get("/api/privacy/notice/versions/2020-07-08").then().statusCode(200)
                        .body("content.cookies.name", hasItem("_ga"));
            });
            // the same version again is refused: published versions never change
            given().auth().oauth2(TestTokens.admin("dpo")).contentType(ContentType.JSON).body(version(future, clock.today().plusDays(12).toString(), content))
                    .when().post("/api/privacy/notice/versions").then().statusCode(409).contentType("application/problem+json");
        }

        @Test
        void twoAdminsPublishingTheSameVersionAtOnceGetOneVersion() throws Exception {
            String v = "race-" + UUID.randomUUID().toString().substring(0, 8);
            var body = version(v, clock.today().plusDays(40).toString(), currentContent());
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(() -> given().auth().oauth2(TestTokens.admin("dpo")).contentType(ContentType.JSON).body(body)
                            .when().post("/api/privacy/notice/versions").then().contentType(org.hamcrest.Matchers.containsString("json"))
                            .extract().statusCode());
                }
                List<Integer> statuses = new java.util.ArrayList<>();
                for (var f : pool.invokeAll(calls)) {
                    statuses.add(f.get());
                }
                assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void invalidVersionsAreProblems() {
            String token = TestTokens.admin("dpo");
            Map<String, Object> content = new java.util.HashMap<>(currentContent());
            given().auth().oauth2(token).contentType(ContentType.JSON).body(version("past-" + UUID.randomUUID().toString().substring(0, 6), "2020-01-01", content))
                    .when().post("/api/privacy/notice/versions").then().statusCode(400).body("detail", containsString("effectiveDate"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(version("../etc/passwd", clock.today().plusDays(1).toString(), content))
                    .when().post("/api/privacy/notice/versions").then().statusCode(400).contentType("application/problem+json");
            content.put("title", "<b>Notice</b>");
            content.put("purposes", List.of());
            given().auth().oauth2(token).contentType(ContentType.JSON).body(version("bad-" + UUID.randomUUID().toString().substring(0, 6), clock.today().plusDays(1).toString(), content))
                    .when().post("/api/privacy/notice/versions").then().statusCode(400).contentType("application/problem+json")
                    .body(containsString("title")).body(containsString("purposes"));
            for (String farAway : List.of(clock.today().plusYears(11).toString(), "+999999999-12-31")) {
                String v = "far-" + UUID.randomUUID().toString().substring(0, 6);
                given().auth().oauth2(token).contentType(ContentType.JSON).body(version(v, farAway, currentContent()))
                        .when().post("/api/privacy/notice/versions").then().statusCode(400).contentType("application/problem+json");
                given().when().get("/api/privacy/notice/versions/" + v).then().statusCode(404);
            }
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"version\":\"x\",\"effectiveDate\":\"2030-01-01\",\"content\":{},\"extra\":1}")
                    .when().post("/api/privacy/notice/versions").then().statusCode(400).contentType("application/problem+json");
        }
    }
}
