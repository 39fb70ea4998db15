package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class OpenApiTest {

    @Test
    void documentsAreServedUnderThePrefix() {
        given().accept("application/json").get("/api/atoms/openapi").then().statusCode(200)
                .body(containsString("/api/atoms/{name}/versions/{version}")).body(containsString("/api/chains"))
                .body(containsString("/internal/atoms/contributors/{id}/erasure"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
