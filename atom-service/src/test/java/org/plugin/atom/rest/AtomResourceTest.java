package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class AtomResourceTest {

    @Test
    void listNeedsAToken() {
        given().when().get("/api/atoms").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void userListsTheCatalog() {
        given().auth().oauth2(TestTokens.user("sub-u")).when().get("/api/atoms")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void limitOutOfRangeIsAProblem() {
        given().auth().oauth2(TestTokens.user("sub-u")).when().get("/api/atoms?limit=1000")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void serviceTokenIsNotAUser() {
        given().auth().oauth2(TestTokens.service("privacy-service")).when().get("/api/atoms")
                .then().statusCode(403).contentType("application/problem+json");
    }
}
