package org.plugin.privacy.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.plugin.privacy.support.Fixtures;
import org.plugin.testing.HttpEdgeContract;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The HTTP layer's refusals as problems, safe request ids, limits above the gateway's: {@link HttpEdgeContract}. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class HttpEdgeTest extends HttpEdgeContract {

    @Override
    protected String readablePath() {
        return "/api/privacy/requests/mine";
    }

    @Override
    protected String writablePath() {
        return "/api/privacy/requests";
    }

    @Override
    protected String writeMethod() {
        return "POST";
    }

    /** Regression: X-Forwarded-Host from any caller named the host of Location; only the gateway's address is believed now. */
    @Test
    void forwardedHeadersFromAnAddressThatIsNotTheGatewayAreIgnored() {
        given().auth().oauth2(TestTokens.user(Fixtures.unique("forwarded"))).header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https").header("Forwarded", "host=evil.example;proto=https")
                .contentType(ContentType.JSON).body("{\"type\":\"ACCESS\"}").when().post("/api/privacy/requests")
                .then().statusCode(201).header("Location", startsWith("http://localhost:" + port() + "/api/privacy/requests/"))
                .header("Location", not(containsString("evil")));
    }
}
