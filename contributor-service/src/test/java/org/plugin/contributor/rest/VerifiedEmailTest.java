package org.plugin.contributor.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.plugin.contributor.support.Api.BASE;
import static org.plugin.contributor.support.Api.PROBLEM;
import static org.plugin.contributor.support.Api.as;
import static org.plugin.contributor.support.Api.registration;
import static org.plugin.contributor.support.Api.rowsWithAccountName;
import static org.plugin.contributor.support.Api.unique;

import org.junit.jupiter.api.Test;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * POST /api/contributors registers only an email the provider verified: the token's
 * {@code email_verified} and {@code email} claims, as Keycloak puts them in a user's token.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class VerifiedEmailTest {

    static String token(String accountName, String email, Object verified) {
        var builder = TestTokens.token().subject("sub-" + accountName).roles("user");
        if (email != null) {
            builder.claim("email", email);
        }
        if (verified != null) {
            builder.claim("email_verified", verified);
        }
        return builder.sign();
    }

    @Test
    void anUnverifiedEmailIsRefusedWith403AndNothingIsStored() {
        String name = unique("unverified");
        String email = name + "@example.org";
        as(token(name, email, false)).body(registration(name, "Zoë", "Doe", email))
                .when().post(BASE)
                .then().statusCode(403).contentType(PROBLEM)
                .body("status", equalTo(403))
                .body("detail", containsString("not verified"))
                .body("detail", org.hamcrest.Matchers.not(containsString(email)));
        assertThat(rowsWithAccountName(name)).isZero();
    }

    @Test
    void anEmailOtherThanTheVerifiedOneIsRefusedWith403() {
        String name = unique("otheremail");
        as(token(name, name + "@example.org", true)).body(registration(name, "Zoë", "Doe", name + "@elsewhere.example"))
                .when().post(BASE)
                .then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("verified"));
        assertThat(rowsWithAccountName(name)).isZero();
    }

    @Test
    void theVerifiedEmailRegistersWhateverItsCase() {
        String name = unique("verified");
        as(token(name, name + "@example.org", true)).body(registration(name, "Zoë", "Doe", name.toUpperCase() + "@Example.org"))
                .when().post(BASE)
                .then().statusCode(201)
                .body("accountName", equalTo(name));
        assertThat(rowsWithAccountName(name)).isOne();
    }

    @Test
    void aTokenThatSaysNothingAboutEmailRegistersAsBefore() {
        String name = unique("noclaim");
        as(token(name, null, null)).body(registration(name, "Zoë", "Doe", name + "@example.org"))
                .when().post(BASE)
                .then().statusCode(201);
        assertThat(rowsWithAccountName(name)).isOne();
    }
}
