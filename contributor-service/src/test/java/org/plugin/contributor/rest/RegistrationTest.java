package org.plugin.contributor.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.plugin.contributor.support.Api.BASE;
import static org.plugin.contributor.support.Api.PROBLEM;
import static org.plugin.contributor.support.Api.as;
import static org.plugin.contributor.support.Api.registration;
import static org.plugin.contributor.support.Api.rowsWithAccountName;
import static org.plugin.contributor.support.Api.rowsWithEmail;
import static org.plugin.contributor.support.Api.rowsWithSubject;
import static org.plugin.contributor.support.Api.unique;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.plugin.contributor.support.Api;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /api/contributors: who may register, the field rules, conflicts, races and hostile input. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class RegistrationTest {

    @Nested
    class Anonymous {
        @Test
        void needsAToken() {
            String name = unique("anon");
            given().contentType(ContentType.JSON).body(registration(name, "Zoë", "Doe", name + "@example.org"))
                    .when().post(BASE)
                    .then().statusCode(401).contentType(PROBLEM)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("detail", equalTo("A bearer token is required"));
            assertThat(rowsWithAccountName(name)).isZero();
        }

        @Test
        void expiredTokenIsRejected() {
            String name = unique("late");
            String expired = TestTokens.token().subject("sub-" + name).roles("user")
                    .expiresAt(java.time.Instant.now().minusSeconds(60)).sign();
            as(expired).body(registration(name, "Zoë", "Doe", name + "@example.org"))
                    .when().post(BASE)
                    .then().statusCode(401).contentType(PROBLEM);
            assertThat(rowsWithAccountName(name)).isZero();
        }

        @Test
        void tokenForAnotherAudienceOrIssuerIsRejected() {
            String name = unique("aud");
            for (String token : List.of(
                    TestTokens.token().subject("sub-" + name).roles("user").audience("another-api").sign(),
                    TestTokens.token().subject("sub-" + name).roles("user").issuer("https://evil.test/realms/plugin").sign(),
                    "not.a.jwt")) {
                as(token).body(registration(name, "Zoë", "Doe", name + "@example.org"))
                        .when().post(BASE)
                        .then().statusCode(401).contentType(PROBLEM);
            }
            assertThat(rowsWithAccountName(name)).isZero();
        }
    }

    @Nested
    class WithoutTheUserRole {
        @Test
        void serviceCiAndRolelessTokensAreForbidden() {
            String name = unique("norole");
            for (String token : List.of(Api.service(), TestTokens.ci("ci-x", name),
                    TestTokens.token().subject("sub-" + name).sign())) {
                as(token).body(registration(name, "Zoë", "Doe", name + "@example.org"))
                        .when().post(BASE)
                        .then().statusCode(403).contentType(PROBLEM);
            }
            assertThat(rowsWithAccountName(name)).isZero();
        }
    }

    @Nested
    class WithoutAUsableSubject {
        @Test
        void aTokenWhoseSubjectCannotIdentifyAContributorIs403AndNothingIsStored() {
            String name = unique("nosub");
            var tokens = new ArrayList<String>(List.of(TestTokens.token().subject("").roles("user").sign(),
                    TestTokens.token().subject("s".repeat(256)).roles("user").sign()));
            for (String token : tokens) {
                as(token).body(registration(name, "Zoë", "Doe", name + "@example.org"))
                        .when().post(BASE)
                        .then().statusCode(403).contentType(PROBLEM)
                        .body("detail", equalTo("Your token has no subject that can identify a contributor"));
            }
            assertThat(rowsWithAccountName(name)).isZero();
            assertThat(rowsWithSubject("")).isZero();
        }
    }

    @Nested
    class OrdinaryUser {
        @Test
        void registersThemselfAndGetsTheirRecordAndALocation() {
            String name = unique("zoe");
            String subject = "sub-" + name;
            as(TestTokens.user(subject)).body(registration(name, "Zoë", "O'Brien-Núñez", name + "@example.org"))
                    .when().post(BASE)
                    .then().statusCode(201)
                    .header("Location", endsWith("/api/contributors/" + name))
                    .body("accountName", equalTo(name))
                    .body("firstName", equalTo("Zoë"))
                    .body("lastName", equalTo("O'Brien-Núñez"))
                    .body("email", equalTo(name + "@example.org"))
                    .body("status", equalTo("ACTIVE"))
                    .body("restricted", equalTo(false));
            as(TestTokens.user(subject)).when().get(BASE + "/me")
                    .then().statusCode(200).body("accountName", equalTo(name));
            assertThat(rowsWithSubject(subject)).isOne();
        }

        @ParameterizedTest
        @ValueSource(strings = { "Zoë O'Brien-Núñez", "José", "Łukasz", "Ngũgĩ wa Thiong'o", "D’Angelo", "李", "محمد",
                "Zoë" /* decomposed: e + combining diaeresis */, "Ἀλέξανδρος", "Jean-Pierre",
                "\uD842\uDFB7野" /* a letter outside the Basic Multilingual Plane: two UTF-16 units, one character */ })
        void acceptsNamesInAnyScript(String firstName) {
            String name = unique("intl");
            as(TestTokens.user("sub-" + name)).body(registration(name, firstName, firstName, name + "@example.org"))
                    .when().post(BASE)
                    .then().statusCode(201).body("firstName", equalTo(firstName)).body("lastName", equalTo(firstName));
        }

        @Test
        void acceptsTheLengthLimits() {
            String base = unique("long");
            String longest = base + "x".repeat(32 - base.length());
            as(TestTokens.user("sub-" + longest)).body(registration(longest, "É".repeat(100), "Ô".repeat(100), longest + "@example.org"))
                    .when().post(BASE)
                    .then().statusCode(201).body("accountName", equalTo(longest));
            // the limit counts characters, not UTF-16 units: 100 letters of a supplementary plane fit
            String cjk = unique("cjk");
            as(TestTokens.user("sub-" + cjk)).body(registration(cjk, "\uD842\uDFB7".repeat(100), "Doe", cjk + "@example.org"))
                    .when().post(BASE)
                    .then().statusCode(201).body("firstName", equalTo("\uD842\uDFB7".repeat(100)));
            String shortest = Api.letters(2) + ThreadLocalRandom.current().nextInt(10);
            as(TestTokens.user("sub-" + unique("short"))).body(registration(shortest, "A", "B", unique("short") + "@example.org"))
                    .when().post(BASE)
                    .then().statusCode(201).body("accountName", equalTo(shortest));
        }
    }

    @Nested
    class AnAdmin {
        @Test
        void registersThemselfLikeAnyUserAndReadingTheirOwnRecordIsNoEmailRead() {
            String name = unique("dpo");
            String subject = "admin-" + name;
            String id = as(TestTokens.admin(subject)).body(registration(name, "Ada", "Admin", name + "@example.org"))
                    .when().post(BASE)
                    .then().statusCode(201)
                    .header("Location", endsWith("/api/contributors/" + name))
                    .body("accountName", equalTo(name))
                    .body("status", equalTo("ACTIVE"))
                    .extract().path("id");
            as(TestTokens.admin(subject)).when().get(BASE + "/me")
                    .then().statusCode(200).body("id", equalTo(id)).body("email", equalTo(name + "@example.org"));
            assertThat(rowsWithSubject(subject)).isOne();
            assertThat(Api.db(() -> Api.emailReads().count("contributorId", java.util.UUID.fromString(id)))).isZero();
        }
    }

    static Stream<Arguments> invalidFields() {
        String name = "valid-name";
        return Stream.of(
                Arguments.of("accountName", "ab"),
                Arguments.of("accountName", "a".repeat(33)),
                Arguments.of("accountName", "Zoe"),
                Arguments.of("accountName", "-zoe"),
                Arguments.of("accountName", "zoe-"),
                Arguments.of("accountName", "zo e"),
                Arguments.of("accountName", "zoé"),
                Arguments.of("accountName", "zoe_1"),
                Arguments.of("accountName", "zoe'; drop table contributor;--"),
                Arguments.of("accountName", null),
                Arguments.of("firstName", ""),
                Arguments.of("firstName", "   "),
                Arguments.of("firstName", "Zoë1"),
                Arguments.of("firstName", "<b>Zoë</b>"),
                Arguments.of("firstName", "<script>alert(1)</script>"),
                Arguments.of("firstName", "Zoë\u0000"),
                Arguments.of("firstName", "Zoë\nDoe"),
                Arguments.of("firstName", "Zoë\u0007"),
                Arguments.of("firstName", "\u202Eevil"),
                Arguments.of("firstName", " Zoë"),
                Arguments.of("firstName", "Robert'); DROP TABLE contributor;--"),
                Arguments.of("firstName", "É".repeat(101)),
                Arguments.of("firstName", "Zoë & co"),
                Arguments.of("firstName", "\uD842\uDFB7".repeat(101)),
                Arguments.of("firstName", null),
                Arguments.of("lastName", "O'"),
                Arguments.of("lastName", "<img src=x onerror=alert(1)>"),
                Arguments.of("lastName", "Doe\t"),
                Arguments.of("lastName", "\uD83D\uDE00"),
                Arguments.of("lastName", "Ô".repeat(101)),
                Arguments.of("lastName", null),
                Arguments.of("email", "not-an-email"),
                Arguments.of("email", "zoe@localhost"),
                Arguments.of("email", "\"<script>\"@example.org"),
                Arguments.of("email", "zoe doe@example.org"),
                Arguments.of("email", "zoe@example.org\u0000"),
                Arguments.of("email", "zoe@example.org<script>"),
                Arguments.of("email", "a".repeat(250) + "@example.org"),
                Arguments.of("email", ""),
                Arguments.of("email", null))
                .map(a -> Arguments.of(a.get()[0], a.get()[1], name));
    }

    @Nested
    class FieldValidation {
        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("org.plugin.contributor.rest.RegistrationTest#invalidFields")
        void eachInvalidFieldIsNamedAndNothingIsStored(String field, String value, String ignored) {
            String name = unique("inv");
            String subject = "sub-" + name;
            var body = registration(name, "Zoë", "Doe", name + "@example.org");
            body.put(field, value);
            as(TestTokens.user(subject)).body(body)
                    .when().post(BASE)
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("violations.field", hasItem(field))
                    .body("violations.size()", equalTo(1));
            assertThat(rowsWithSubject(subject)).isZero();
        }

        @Test
        void everyInvalidFieldIsListedAtOnce() {
            String subject = "sub-" + unique("many");
            as(TestTokens.user(subject)).body(registration("X", "<b>", "1", "nope"))
                    .when().post(BASE)
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("violations.field", hasItems("accountName", "firstName", "lastName", "email"));
            assertThat(rowsWithSubject(subject)).isZero();
        }
    }

    @Nested
    class HostileInput {
        private void refused(String subject, String contentType, byte[] body, int status) {
            given().auth().oauth2(TestTokens.user(subject)).contentType(contentType).body(body)
                    .when().post(BASE)
                    .then().statusCode(status).contentType(PROBLEM);
            assertThat(rowsWithSubject(subject)).isZero();
        }

        private byte[] utf8(String json) {
            return json.getBytes(StandardCharsets.UTF_8);
        }

        @Test
        void malformedJson() {
            String s = "sub-" + unique("malformed");
            refused(s, "application/json", utf8("{\"accountName\":"), 400);
            refused(s, "application/json", utf8("{accountName: 'x'}"), 400);
            refused(s, "application/json", utf8(""), 400);
            refused(s, "application/json", utf8("null"), 400);
            refused(s, "application/json", utf8("[]"), 400);
            refused(s, "application/json", utf8("\"just a string\""), 400);
        }

        @Test
        void unknownFieldsAreRefused() {
            String name = unique("unknown");
            String s = "sub-" + name;
            refused(s, "application/json", utf8("""
                    {"accountName":"%s","firstName":"Zoë","lastName":"Doe","email":"%s@example.org","status":"ERASED"}"""
                    .formatted(name, name)), 400);
            given().auth().oauth2(TestTokens.user(s)).contentType(ContentType.JSON).body("""
                    {"accountName":"%s","firstName":"Zoë","lastName":"Doe","email":"%s@example.org","id":"x"}"""
                    .formatted(name, name))
                    .when().post(BASE)
                    .then().statusCode(400).body("field", equalTo("id")).body("detail", containsString("Unknown field"));
        }

        @Test
        void wrongJsonTypes() {
            String name = unique("types");
            String s = "sub-" + name;
            refused(s, "application/json", utf8("""
                    {"accountName":"%s","firstName":{"a":1},"lastName":"Doe","email":"%s@example.org"}""".formatted(name, name)), 400);
            refused(s, "application/json", utf8("""
                    {"accountName":"%s","firstName":"Zoë","lastName":["Doe"],"email":"%s@example.org"}""".formatted(name, name)), 400);
            refused(s, "application/json", utf8("""
                    {"accountName":12345,"firstName":"Zoë","lastName":"Doe","email":true}"""), 400);
            // a number is not coerced into a string, even where its text would be valid
            refused(s, "application/json", utf8("""
                    {"accountName":123456,"firstName":"Zoë","lastName":"Doe","email":"%s@example.org"}""".formatted(name)), 400);
            assertThat(rowsWithAccountName("123456")).isZero();
        }

        @Test
        void invalidUtf8() {
            String name = unique("utf");
            byte[] prefix = utf8("{\"accountName\":\"" + name + "\",\"firstName\":\"Zo");
            byte[] suffix = utf8("\",\"lastName\":\"Doe\",\"email\":\"" + name + "@example.org\"}");
            byte[] body = new byte[prefix.length + 2 + suffix.length];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            body[prefix.length] = (byte) 0xC3;
            body[prefix.length + 1] = (byte) 0x28; // not a continuation byte
            System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);
            refused("sub-" + name, "application/json", body, 400);
            assertThat(rowsWithAccountName(name)).isZero();
        }

        @Test
        void oversizeBodyIs413() {
            String name = unique("big");
            refused("sub-" + name, "application/json",
                    utf8("{\"accountName\":\"" + name + "\",\"firstName\":\"" + "a".repeat(70_000) + "\"}"), 413);
        }

        @Test
        void otherMediaTypesAre415() {
            String name = unique("media");
            refused("sub-" + name, "text/plain", utf8("accountName=" + name), 415);
        }
    }

    @Nested
    class Conflicts {
        @Test
        void aSubjectRegistersOnce() {
            var first = Api.register("once");
            String other = unique("once");
            as(first.token()).body(registration(other, "Zoë", "Doe", other + "@example.org"))
                    .when().post(BASE)
                    .then().statusCode(409).contentType(PROBLEM)
                    .body("detail", equalTo("You are already registered as a contributor"));
            assertThat(rowsWithSubject(first.subject())).isOne();
            assertThat(rowsWithAccountName(other)).isZero();
        }

        @Test
        void aTakenAccountNameIs409() {
            var first = Api.register("taken");
            String subject = "sub-" + unique("taker");
            as(TestTokens.user(subject)).body(registration(first.accountName(), "Other", "Person", unique("o") + "@example.org"))
                    .when().post(BASE)
                    .then().statusCode(409).contentType(PROBLEM)
                    .body("detail", equalTo("This account name is already taken"));
            assertThat(rowsWithSubject(subject)).isZero();
        }

        @Test
        void aTakenEmailIs409IgnoringCase() {
            var first = Api.register("mail");
            String name = unique("mailer");
            as(TestTokens.user("sub-" + name)).body(registration(name, "Other", "Person", first.email().toUpperCase()))
                    .when().post(BASE)
                    .then().statusCode(409).contentType(PROBLEM)
                    .body("detail", equalTo("This email address is already used by another contributor"));
            assertThat(rowsWithAccountName(name)).isZero();
            assertThat(rowsWithEmail(first.email())).isOne();
        }

        @Test
        void aDeactivatedContributorCannotRegisterAgainUntilErased() {
            var c = Api.register("again");
            Api.deactivate(c);
            String other = unique("again");
            as(c.token()).body(registration(other, "Zoë", "Doe", other + "@example.org"))
                    .when().post(BASE)
                    .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("deactivated"));
            assertThat(rowsWithAccountName(other)).isZero();
        }
    }

    @Nested
    class Concurrency {
        private List<Integer> raceOf(List<Callable<Integer>> calls) throws Exception {
            var pool = Executors.newFixedThreadPool(calls.size());
            try {
                var start = new CountDownLatch(1);
                var futures = new ArrayList<Future<Integer>>();
                for (var call : calls) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return call.call();
                    }));
                }
                start.countDown();
                var statuses = new ArrayList<Integer>();
                for (var f : futures) {
                    statuses.add(f.get(30, TimeUnit.SECONDS));
                }
                return statuses;
            } finally {
                pool.shutdownNow();
            }
        }

        private Callable<Integer> registering(String subject, String accountName, String email) {
            return () -> as(TestTokens.user(subject)).body(registration(accountName, "Zoë", "Doe", email))
                    .when().post(BASE).then().extract().statusCode();
        }

        @Test
        void twoRegistrationsOfOneAccountNameGiveOne201AndOne409() throws Exception {
            for (int round = 0; round < 5; round++) {
                String name = unique("race");
                var statuses = raceOf(List.of(
                        registering("sub-a-" + name, name, "a-" + name + "@example.org"),
                        registering("sub-b-" + name, name, "b-" + name + "@example.org")));
                assertThat(statuses).containsExactlyInAnyOrder(201, 409);
                assertThat(rowsWithAccountName(name)).isOne();
            }
        }

        @Test
        void manyRegistrationsOfOneEmailGiveOneWinner() throws Exception {
            String email = unique("race-mail") + "@example.org";
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 6; i++) {
                String name = unique("rm" + i);
                calls.add(registering("sub-" + name, name, email));
            }
            var statuses = raceOf(calls);
            assertThat(statuses).containsOnlyOnce(201).filteredOn(s -> s != 201).containsOnly(409);
            assertThat(rowsWithEmail(email)).isOne();
        }

        @Test
        void oneSubjectRegisteringTwiceAtOnceGetsOneAccount() throws Exception {
            String subject = "sub-" + unique("twice");
            String a = unique("twice-a");
            String b = unique("twice-b");
            var statuses = raceOf(List.of(
                    registering(subject, a, a + "@example.org"),
                    registering(subject, b, b + "@example.org")));
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
            assertThat(rowsWithSubject(subject)).isOne();
        }
    }
}
