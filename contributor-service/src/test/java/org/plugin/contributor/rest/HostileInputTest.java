package org.plugin.contributor.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.contributor.support.Api.BASE;
import static org.plugin.contributor.support.Api.INTERNAL;
import static org.plugin.contributor.support.Api.PROBLEM;
import static org.plugin.contributor.support.Api.db;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.plugin.contributor.support.Api;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hostile bodies on every write that takes one, with a persona allowed to make it: each is answered
 * with problem+json (never a 500) and changes nothing stored about the contributor. Registration has
 * its own, field by field, in {@link RegistrationTest}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class HostileInputTest {

    /** A write that takes a JSON body: how to call it for a contributor, and where a hostile string goes. */
    record Write(String name, String method, Function<Api.Registered, String> path, Function<Api.Registered, String> token,
            Function<String, String> withString, boolean freeText) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Write> WRITES = List.of(
            new Write("PATCH /api/contributors/me", "PATCH", c -> BASE + "/me", Api.Registered::token,
                    s -> "{\"firstName\":" + s + "}", false),
            new Write("PUT /api/contributors/{accountName}/restriction", "PUT", c -> BASE + "/" + c.accountName() + "/restriction",
                    c -> Api.admin(), s -> "{\"restricted\":true,\"reason\":" + s + "}", true),
            new Write("PATCH /internal/contributors/{id}", "PATCH", c -> INTERNAL + "/" + c.id(), c -> Api.service(),
                    s -> "{\"lastName\":" + s + "}", false),
            new Write("PUT /internal/contributors/{id}/restriction", "PUT", c -> INTERNAL + "/" + c.id() + "/restriction",
                    c -> Api.service(), s -> "{\"restricted\":true,\"reason\":" + s + "}", true),
            new Write("POST /internal/contributors/names", "POST", c -> INTERNAL + "/names", c -> Api.service(),
                    s -> "{\"ids\":[" + s + "]}", false));

    /** Words of the parser and the frameworks that a problem must never show. */
    static final java.util.regex.Pattern LIBRARY_WORDS = java.util.regex.Pattern.compile(
            "(?s).*(fasterxml|jackson|Jackson|Feature\\.|Constraints\\.|Exception|java\\.|io\\.vertx|org\\.hibernate).*");

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String quoted(String value) {
        return "\"" + value + "\"";
    }

    /** Each write with each hostile body: label, content type, body, expected status. */
    static Stream<Arguments> hostile() {
        return WRITES.stream().flatMap(w -> {
            byte[] badUtf8 = utf8(w.withString().apply(quoted("Ann__")));
            int at = new String(badUtf8, StandardCharsets.UTF_8).indexOf("__");
            badUtf8[at] = (byte) 0xC3; // a lead byte followed by no continuation byte
            badUtf8[at + 1] = (byte) 0x28;
            // an SQL fragment is refused where a name or an id goes; in a free-text reason it is text like any other
            // (stored as given, through bound parameters: see below). Characters that do not show as themselves
            // (direction overrides and isolates, zero-width spaces) are refused everywhere, free text included.
            Stream<Arguments> namesOnly = w.freeText() ? Stream.empty() : Stream.of(
                    Arguments.of(w, "an SQL fragment", "application/json",
                            utf8(w.withString().apply(quoted("Robert'); DROP TABLE contributor;--"))), 400));
            Stream<Arguments> invisible = w.withString().apply("\"x\"").contains("ids") ? Stream.empty() : Stream.of(
                    Arguments.of(w, "a right-to-left override", "application/json", utf8(w.withString().apply(quoted("\\u202Eevil"))), 400),
                    Arguments.of(w, "a zero-width space", "application/json", utf8(w.withString().apply(quoted("Ann\\u200BMarie"))), 400),
                    Arguments.of(w, "a left-to-right isolate", "application/json", utf8(w.withString().apply(quoted("Ann\\u2066x"))), 400),
                    Arguments.of(w, "an unassigned code point", "application/json", utf8(w.withString().apply(quoted("Ann\\u0378"))), 400));
            namesOnly = Stream.concat(namesOnly, invisible);
            String json = w.withString().apply(quoted("Ann"));
            byte[] overlong = utf8(w.withString().apply(quoted("a__b")));
            int slash = new String(overlong, StandardCharsets.UTF_8).indexOf("__");
            overlong[slash] = (byte) 0xC0; // '/' written in two bytes: not UTF-8
            overlong[slash + 1] = (byte) 0xAF;
            Stream<Arguments> strictJson = Stream.of(
                    Arguments.of(w, "a duplicate key", "application/json", utf8(json.substring(0, json.length() - 1) + "," + json.substring(1)), 400),
                    Arguments.of(w, "trailing garbage", "application/json", utf8(json + " garbage"), 400),
                    Arguments.of(w, "two JSON documents", "application/json", utf8(json + json), 400),
                    Arguments.of(w, "an overlong UTF-8 '/'", "application/json", overlong, 400),
                    Arguments.of(w, "NaN", "application/json", utf8(w.withString().apply("NaN")), 400),
                    Arguments.of(w, "a 1200-digit number", "application/json", utf8(w.withString().apply("9".repeat(1200))), 400),
                    Arguments.of(w, "deep nesting", "application/json", utf8(w.withString().apply("[".repeat(3000) + "]".repeat(3000))), 400));
            namesOnly = Stream.concat(namesOnly, strictJson);
            return Stream.concat(namesOnly, Stream.of(
                    Arguments.of(w, "malformed JSON", "application/json", utf8(w.withString().apply("\"Ann")), 400),
                    Arguments.of(w, "an array instead of an object", "application/json", utf8("[]"), 400),
                    Arguments.of(w, "null", "application/json", utf8("null"), 400),
                    Arguments.of(w, "an empty body", "application/json", new byte[0], 400),
                    Arguments.of(w, "invalid UTF-8", "application/json", badUtf8, 400),
                    Arguments.of(w, "an object where a string goes", "application/json", utf8(w.withString().apply("{\"a\":1}")), 400),
                    Arguments.of(w, "a number where a string goes", "application/json", utf8(w.withString().apply("12345")), 400),
                    Arguments.of(w, "an unknown field", "application/json", utf8("{\"status\":\"ERASED\",\"restricted\":true}"), 400),
                    Arguments.of(w, "a script", "application/json", utf8(w.withString().apply(quoted("<script>alert(1)</script>"))), 400),
                    Arguments.of(w, "a NUL character", "application/json", utf8(w.withString().apply(quoted("Ann\\u0000"))), 400),
                    Arguments.of(w, "an oversize string", "application/json", utf8(w.withString().apply(quoted("A".repeat(20_000)))), 400),
                    Arguments.of(w, "a body over 64 KiB", "application/json", utf8(w.withString().apply(quoted("A".repeat(70_000)))), 413),
                    Arguments.of(w, "another media type", "text/plain", utf8(w.withString().apply(quoted("Ann"))), 415)));
        });
    }

    /** What is stored about a contributor, in one string, to compare before and after. */
    static String stored(Api.Registered c) {
        return db(() -> {
            var row = Api.contributors().findById(c.id());
            return String.join("|", row.firstName, row.lastName, row.email, String.valueOf(row.status), String.valueOf(row.restricted),
                    String.valueOf(row.restrictionReason), String.valueOf(row.restrictionChangedAt), String.valueOf(row.updatedAt),
                    String.valueOf(row.version), String.valueOf(Api.rectifications().count("contributorId", c.id())),
                    String.valueOf(Api.emailReads().count("contributorId", c.id())));
        });
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("hostile")
    void isAProblemAndChangesNothing(Write write, String label, String contentType, byte[] body, int status) {
        var c = Api.register("hostile");
        String before = stored(c);
        given().auth().oauth2(write.token().apply(c)).contentType(contentType).body(body)
                .when().request(write.method(), write.path().apply(c))
                .then().statusCode(status).contentType(PROBLEM)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.matchesPattern(LIBRARY_WORDS)));
        assertThat(stored(c)).isEqualTo(before);
    }

    @org.junit.jupiter.api.Test
    void anSqlFragmentInAFreeTextReasonIsStoredAsGivenAndHarmless() {
        var c = Api.register("hostile-sql");
        String reason = "PR-1'); DROP TABLE contributor;-- ";
        Api.as(Api.admin()).body(java.util.Map.of("restricted", true, "reason", reason))
                .when().put(BASE + "/" + c.accountName() + "/restriction")
                .then().statusCode(200).body("reason", org.hamcrest.Matchers.equalTo(reason));
        assertThat(db(() -> Api.contributors().findById(c.id()).restrictionReason)).isEqualTo(reason);
        assertThat(Api.rowsWithAccountName(c.accountName())).isOne();
    }
}
