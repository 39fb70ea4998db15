package org.plugin.contributor.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class ContributorResourceTest {

    static String registration(String accountName, String email) {
        return """
                {"accountName":"%s","firstName":"Zoë","lastName":"O'Brien-Núñez","email":"%s"}""".formatted(accountName, email);
    }

    @Nested
    class Anonymous {
        @Test
        void registrationNeedsAToken() {
            given().contentType(ContentType.JSON).body(registration("anon-1", "anon1@example.org"))
                    .when().post("/api/contributors")
                    .then().statusCode(401).contentType("application/problem+json")
                    .body("detail", equalTo("A bearer token is required"));
        }

        @Test
        void expiredTokenIsRejected() {
            String expired = TestTokens.token().subject("late").roles("user")
                    .expiresAt(java.time.Instant.now().minusSeconds(60)).sign();
            given().auth().oauth2(expired).when().get("/api/contributors/anyone")
                    .then().statusCode(401).contentType("application/problem+json");
        }

        @Test
        void tokenForAnotherAudienceIsRejected() {
            String other = TestTokens.token().subject("x").roles("user").audience("another-api").sign();
            given().auth().oauth2(other).when().get("/api/contributors/anyone")
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Nested
    class OrdinaryUser {
        @Test
        void registersAndIsSeenWithoutEmail() {
            given().auth().oauth2(TestTokens.user("sub-zoe")).contentType(ContentType.JSON)
                    .body(registration("zoe", "zoe@example.org"))
                    .when().post("/api/contributors")
                    .then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/contributors/zoe"));

            given().auth().oauth2(TestTokens.user("sub-other")).when().get("/api/contributors/zoe")
                    .then().statusCode(200)
                    .body("firstName", equalTo("Zoë"))
                    .body("lastName", equalTo("O'Brien-Núñez"))
                    .body("$", not(hasKey("email")));
        }

        @Test
        void malformedJsonIsAProblemAndStoresNothing() {
            given().auth().oauth2(TestTokens.user("sub-malformed")).contentType(ContentType.JSON).body("{\"accountName\":")
                    .when().post("/api/contributors")
                    .then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.user("sub-malformed")).when().get("/api/contributors/malformed")
                    .then().statusCode(404);
        }
    }

    @Test
    void tokenWithoutTheUserRoleIsForbidden() {
        given().auth().oauth2(TestTokens.token().subject("no-role").sign()).when().get("/api/contributors/zoe")
                .then().statusCode(403).contentType("application/problem+json");
    }
}
