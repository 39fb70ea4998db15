package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.plugin.common.security.VerifiedTokens;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tokens verified once are kept per JVM until their expiry (common's VerifiedTokens): with the cache
 * warm, a token that expired since, a tampered copy of a kept token and a token for another audience
 * are still refused, and a kept token counts only as an {@code Authorization: Bearer} token.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokens verified;

    static void accepted(String token) {
        given().auth().oauth2(token).get("/api/atoms").then().statusCode(200);
    }

    static void refused(String token) {
        given().auth().oauth2(token).get("/api/atoms").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenSentAgainIsAnsweredFromTheKeptTokensWithoutVerifyingItAgain() {
        String token = TestTokens.user("sent-again");
        accepted(token);
        long before = verified.hits();
        accepted(token);
        accepted(token);
        // Quarkus OIDC's own provider is asked after this one only when it does not know the token
        assertThat(verified.hits() - before).as("requests answered from the kept tokens").isEqualTo(2);
        given().get("/q/metrics").then().statusCode(200).body(containsString("plugin_security_verified_tokens_hits_total"));
    }

    @Test
    void aKeptTokenIsTakenOnlyFromABearerAuthorizationAsOidcTakesIt() {
        String token = TestTokens.user("schemes");
        accepted(token);
        assertThat(verified.holds(token)).isTrue();
        long before = verified.hits();
        // the scheme in any case, as Quarkus OIDC reads it
        given().header("Authorization", "bearer " + token).get("/api/atoms").then().statusCode(200);
        assertThat(verified.hits() - before).as("answered from the kept tokens").isEqualTo(1);
        // another scheme, no scheme, or the token in another header: not a bearer token, whatever is kept
        given().header("Authorization", "Token " + token).get("/api/atoms").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", token).get("/api/atoms").then().statusCode(401).contentType("application/problem+json");
        given().header("X-Token", token).get("/api/atoms").then().statusCode(401).contentType("application/problem+json");
        // a space more is another token text, verified in full and refused
        given().header("Authorization", "Bearer  " + token).get("/api/atoms").then().statusCode(401).contentType("application/problem+json");
        assertThat(verified.hits() - before).as("none of those answered from the kept tokens").isEqualTo(1);
    }

    @Test
    void aKeptTokenIsRefusedOnceItHasExpired() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(3);
        String shortLived = TestTokens.token().subject("short-lived").roles("user").expiresAt(expiry).sign();
        accepted(shortLived);
        accepted(shortLived);
        assertThat(verified.holds(shortLived)).isTrue();
        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 1100);
        refused(shortLived);
        assertThat(verified.holds(shortLived)).isFalse();
    }

    @Test
    void aTamperedCopyOfAKeptTokenIsRefused() {
        String token = TestTokens.user("tamper-target");
        accepted(token);
        assertThat(verified.holds(token)).isTrue();
        String[] parts = token.split("\\.");
        // the same signature over claims that now say admin
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String admin = claims.replace("\"roles\":[\"user\"]", "\"roles\":[\"user\",\"admin\"]");
        assertThat(admin).isNotEqualTo(claims);
        refused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(admin.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        // the same claims under a signature one character off
        char[] signature = parts[2].toCharArray();
        int middle = signature.length / 2;
        signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
        refused(parts[0] + "." + parts[1] + "." + new String(signature));
        // the kept token itself still works
        accepted(token);
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedWhileTheSameSubjectsTokenIsKept() {
        String ours = TestTokens.token().subject("two-audiences").roles("user").sign();
        accepted(ours);
        assertThat(verified.holds(ours)).isTrue();
        String foreign = TestTokens.token().subject("two-audiences").roles("user").audience("another-api").sign();
        refused(foreign);
        refused(foreign);
        assertThat(verified.holds(foreign)).isFalse();
        String otherIssuer = TestTokens.token().subject("two-audiences").roles("user").issuer("https://elsewhere.test/realms/plugin").sign();
        refused(otherIssuer);
    }
}
