package org.plugin.privacy.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class NoticeResourceTest {

    @Test
    void cookiesArePublic() {
        given().when().get("/api/privacy/cookies")
                .then().statusCode(200).body("name", hasItems("_ga", "_gid", "_dc_gtm_*"));
    }

    @Test
    void disclosuresAreForAdmins() {
        given().when().get("/api/privacy/disclosures").then().statusCode(401);
        given().auth().oauth2(TestTokens.user("u")).when().get("/api/privacy/disclosures").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin("a")).when().get("/api/privacy/disclosures").then().statusCode(200);
    }
}
