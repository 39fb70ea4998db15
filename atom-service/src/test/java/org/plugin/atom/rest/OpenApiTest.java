package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.plugin.testing.InternalDocumentContract;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class OpenApiTest {

    static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

    @Test
    void documentsAreServedUnderThePrefix() {
        given().accept("application/json").get("/api/atoms/openapi").then().statusCode(200)
                .body(containsString("/api/atoms/{name}/versions/{version}")).body(containsString("/api/chains"));
        // the internal API is in the internal document, which the service serves itself
        given().auth().oauth2(TestTokens.service("privacy-service")).accept("application/json")
                .get(InternalDocumentContract.INTERNAL_DOCUMENT).then().statusCode(200)
                .body(containsString("/internal/atoms/contributors/{id}/erasure"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    /** Every operation documents its success, 401 and 403; every one taking a body documents 400, 413 and 415. */
    @Test
    @SuppressWarnings("unchecked")
    void everyOperationDocumentsTheStatusesItCanAnswer() {
        Map<String, Object> paths = new java.util.HashMap<>(
                given().get("/api/atoms/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("paths"));
        paths.putAll(InternalDocumentContract.internalDocument().getMap("paths"));
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            if (path.getKey().startsWith("/internal/clock")) {
                continue; // common's test clock, not this service's API
            }
            for (var op : ((Map<String, Object>) path.getValue()).entrySet()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                operations++;
                var operation = (Map<String, Object>) op.getValue();
                Set<String> codes = ((Map<String, Object>) operation.get("responses")).keySet();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                List<String> required = new ArrayList<>(List.of("401", "403"));
                if (operation.containsKey("requestBody")) {
                    required.addAll(List.of("400", "413", "415"));
                }
                required.stream().filter(code -> !codes.contains(code)).forEach(code -> missing.add(where + " " + code));
                if (codes.stream().noneMatch(code -> code.startsWith("2"))) {
                    missing.add(where + " 2xx");
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(28);
        assertThat(missing).isEmpty();
    }
}
