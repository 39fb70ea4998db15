package org.plugin.contributor.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.plugin.contributor.support.Api.BASE;
import static org.plugin.contributor.support.Api.INTERNAL;
import static org.plugin.contributor.support.Api.PROBLEM;
import static org.plugin.contributor.support.Api.as;
import static org.plugin.contributor.support.Api.db;
import static org.plugin.contributor.support.Api.rectifications;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.plugin.contributor.repository.RectificationAudit;
import org.plugin.contributor.support.Api;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** PATCH /api/contributors/me: rectification by the contributor, audited by field, time and actor. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class RectificationTest {

    static List<RectificationAudit> auditOf(Api.Registered c) {
        return db(() -> rectifications().forContributor(c.id()));
    }

    static Map<String, Object> body(String field, Object value) {
        var body = new HashMap<String, Object>();
        body.put(field, value);
        return body;
    }

    @Nested
    class Personas {
        @Test
        void anonymousIs401() {
            given().contentType(ContentType.JSON).body(Map.of("firstName", "Ann"))
                    .when().patch(BASE + "/me").then().statusCode(401).contentType(PROBLEM);
        }

        @Test
        void serviceAndCiTokensAre403() {
            for (String token : List.of(Api.service(), TestTokens.ci("ci-x", "someone"))) {
                as(token).body(Map.of("firstName", "Ann")).when().patch(BASE + "/me")
                        .then().statusCode(403).contentType(PROBLEM);
            }
        }

        @Test
        void aUserWhoIsNotAContributorOrAnAdminWithoutAccountGets404() {
            for (String token : List.of(TestTokens.user("sub-" + Api.unique("nobody")), Api.admin())) {
                as(token).body(Map.of("firstName", "Ann")).when().patch(BASE + "/me")
                        .then().statusCode(404).contentType(PROBLEM);
            }
        }

        @Test
        void anotherContributorChangesOnlyTheirOwnRecord() {
            var c = Api.register("rect-victim");
            var other = Api.register("rect-other");
            as(other.token()).body(Map.of("firstName", "Mallory")).when().patch(BASE + "/me")
                    .then().statusCode(200).body("accountName", equalTo(other.accountName()));
            as(c.token()).when().get(BASE + "/me").then().statusCode(200).body("firstName", equalTo("Zoë"));
            assertThat(auditOf(c)).isEmpty();
        }
    }

    @Nested
    class TheContributor {
        @Test
        void rectifiesNamesAndEmailAndEachFieldIsAuditedWithoutOldValues() {
            var c = Api.register("rect");
            String newEmail = Api.unique("new") + "@example.net";
            as(c.token()).body(Map.of("firstName", "Zoé", "lastName", "Núñez-O'Brien", "email", newEmail))
                    .when().patch(BASE + "/me")
                    .then().statusCode(200)
                    .body("firstName", equalTo("Zoé"))
                    .body("lastName", equalTo("Núñez-O'Brien"))
                    .body("email", equalTo(newEmail));
            as(TestTokens.user("sub-reader")).when().get(BASE + "/" + c.accountName())
                    .then().statusCode(200).body("firstName", equalTo("Zoé")).body("lastName", equalTo("Núñez-O'Brien"));

            var audit = auditOf(c);
            assertThat(audit).extracting(a -> a.field).containsExactlyInAnyOrder("firstName", "lastName", "email");
            assertThat(audit).allSatisfy(a -> {
                assertThat(a.actorType).isEqualTo(RectificationAudit.ActorType.CONTRIBUTOR);
                assertThat(a.actor).isEqualTo(c.subject());
                assertThat(a.changedAt).isNotNull();
            });
            // the export lists the changes, and no old value is kept anywhere in it
            String export = as(Api.service()).when().get(INTERNAL + "/" + c.id() + "/personal-data")
                    .then().statusCode(200).extract().asString();
            assertThat(export).contains("\"field\":\"firstName\"").doesNotContain(c.email()).doesNotContain("\"Zoë\"")
                    .doesNotContain("O'Brien-Núñez");
        }

        @Test
        void onlyTheGivenFieldsChange() {
            var c = Api.register("rect-one");
            as(c.token()).body(Map.of("lastName", "Smith")).when().patch(BASE + "/me")
                    .then().statusCode(200)
                    .body("firstName", equalTo("Zoë")).body("lastName", equalTo("Smith")).body("email", equalTo(c.email()));
            assertThat(auditOf(c)).extracting(a -> a.field).containsExactly("lastName");
        }

        @Test
        void theSameValuesAgainChangeAndAuditNothing() {
            var c = Api.register("rect-same");
            as(c.token()).body(Map.of("firstName", "Zoë", "email", c.email())).when().patch(BASE + "/me")
                    .then().statusCode(200);
            assertThat(auditOf(c)).isEmpty();
            as(c.token()).body(Map.of("firstName", "Ann")).when().patch(BASE + "/me").then().statusCode(200);
            as(c.token()).body(Map.of("firstName", "Ann")).when().patch(BASE + "/me").then().statusCode(200);
            assertThat(auditOf(c)).hasSize(1);
        }

        @Test
        void changingOnlyTheCaseOfTheirEmailIsAllowed() {
            var c = Api.register("rect-case");
            as(c.token()).body(Map.of("email", c.email().toUpperCase())).when().patch(BASE + "/me")
                    .then().statusCode(200).body("email", equalTo(c.email().toUpperCase()));
        }

        @Test
        void anEmailOfAnotherContributorIs409AndNothingChanges() {
            var c = Api.register("rect-mail");
            var other = Api.register("rect-mail-other");
            as(c.token()).body(Map.of("firstName", "Ann", "email", other.email().toUpperCase())).when().patch(BASE + "/me")
                    .then().statusCode(409).contentType(PROBLEM)
                    .body("detail", equalTo("This email address is already used by another contributor"));
            as(c.token()).when().get(BASE + "/me").then().body("email", equalTo(c.email())).body("firstName", equalTo("Zoë"));
            assertThat(auditOf(c)).isEmpty();
        }

        @Test
        void anEmptyChangeIs400() {
            var c = Api.register("rect-empty");
            as(c.token()).body("{}").when().patch(BASE + "/me")
                    .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("Nothing to change"));
        }

        @Test
        void aDeactivatedAccountCannotBeChangedByItsOwner() {
            var c = Api.register("rect-deact");
            Api.deactivate(c);
            as(c.token()).body(Map.of("firstName", "Ann")).when().patch(BASE + "/me")
                    .then().statusCode(409).contentType(PROBLEM);
            assertThat(auditOf(c)).isEmpty();
        }

        @Test
        void twoContributorsTakingOneNewEmailAtOnceGiveOne200AndOne409() throws Exception {
            var a = Api.register("rect-race-a");
            var b = Api.register("rect-race-b");
            String email = Api.unique("contested") + "@example.org";
            var pool = Executors.newFixedThreadPool(2);
            try {
                var start = new CountDownLatch(1);
                var futures = new ArrayList<Future<Integer>>();
                for (var c : List.of(a, b)) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return as(c.token()).body(Map.of("email", email)).when().patch(BASE + "/me").then().extract().statusCode();
                    }));
                }
                start.countDown();
                var statuses = new ArrayList<Integer>();
                for (var f : futures) {
                    statuses.add(f.get(30, TimeUnit.SECONDS));
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            } finally {
                pool.shutdownNow();
            }
            assertThat(Api.rowsWithEmail(email)).isOne();
        }
    }

    static Stream<Arguments> invalidChanges() {
        return Stream.of(
                Arguments.of("firstName", ""),
                Arguments.of("firstName", "<b>Ann</b>"),
                Arguments.of("firstName", "Ann\u0000"),
                Arguments.of("firstName", "Ann'; DROP TABLE contributor;--"),
                Arguments.of("firstName", "A".repeat(101)),
                Arguments.of("lastName", "Smith2"),
                Arguments.of("lastName", "Smith\r\n"),
                Arguments.of("lastName", "<script>alert(1)</script>"),
                Arguments.of("email", "nope"),
                Arguments.of("email", "x@y"),
                Arguments.of("email", "\"<b>\"@example.org"),
                Arguments.of("email", "a".repeat(250) + "@example.org"));
    }

    @Nested
    class Validation {
        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("org.plugin.contributor.rest.RectificationTest#invalidChanges")
        void eachInvalidFieldIsNamedAndNothingChanges(String field, String value) {
            var c = Api.register("rect-inv");
            as(c.token()).body(body(field, value)).when().patch(BASE + "/me")
                    .then().statusCode(400).contentType(PROBLEM).body("violations.field", hasItem(field));
            as(c.token()).when().get(BASE + "/me").then()
                    .body("firstName", equalTo("Zoë")).body("lastName", equalTo("O'Brien-Núñez")).body("email", equalTo(c.email()));
            assertThat(auditOf(c)).isEmpty();
        }

        @Test
        void fieldsThatCannotBeRectifiedHereAreUnknownFields() {
            var c = Api.register("rect-unknown");
            for (String field : List.of("accountName", "status", "subject", "restricted", "id")) {
                as(c.token()).body(Map.of(field, "x", "firstName", "Ann")).when().patch(BASE + "/me")
                        .then().statusCode(400).contentType(PROBLEM).body("field", equalTo(field));
            }
            as(c.token()).when().get(BASE + "/me").then().body("firstName", equalTo("Zoë"));
        }

        @Test
        void wrongTypesMalformedJsonAndInvalidUtf8Are400() {
            var c = Api.register("rect-types");
            for (String json : List.of("{\"firstName\":[\"Ann\"]}", "{\"email\":{}}", "{\"firstName\":", "[]", "null")) {
                as(c.token()).body(json).when().patch(BASE + "/me").then().statusCode(400).contentType(PROBLEM);
            }
            byte[] invalid = { '{', '"', 'f', 'i', 'r', 's', 't', 'N', 'a', 'm', 'e', '"', ':', '"', 'A', (byte) 0xFF, '"', '}' };
            as(c.token()).body(invalid).when().patch(BASE + "/me").then().statusCode(400).contentType(PROBLEM);
            as(c.token()).when().get(BASE + "/me").then().body("firstName", equalTo("Zoë"));
            assertThat(auditOf(c)).isEmpty();
        }

        @Test
        void oversizeBodyIs413() {
            var c = Api.register("rect-big");
            as(c.token()).body("{\"firstName\":\"" + "a".repeat(70_000) + "\"}").when().patch(BASE + "/me")
                    .then().statusCode(413).contentType(PROBLEM);
        }
    }
}
