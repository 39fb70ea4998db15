package org.plugin.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * Where a service describes its APIs: the public document under its prefix (served at the gateway)
 * holds no {@code /internal} path, and the internal document, which the service serves itself at
 * {@value #INTERNAL_DOCUMENT} for role admin or service, holds every one of them. Each service's test
 * extends it (in its usual Quarkus boot) and names its public document and its internal paths.
 */
public abstract class InternalDocumentContract {

    public static final String INTERNAL_DOCUMENT = "/internal/openapi";

    /** The public document, e.g. {@code /api/atoms/openapi}. */
    protected abstract String publicDocument();

    /** Every internal operation of the service, as {@code "METHOD /path"} (common's test clock included). */
    protected abstract Set<String> internalOperations();

    /** The internal document as JSON, read with a service token. */
    public static JsonPath internalDocument() {
        return given().auth().oauth2(TestTokens.service("contract-test")).accept("application/json")
                .when().get(INTERNAL_DOCUMENT + "?format=json").then().statusCode(200).extract().jsonPath();
    }

    static Set<String> operations(JsonPath document) {
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, methods) -> methods.keySet().stream()
                .filter(m -> Set.of("get", "put", "post", "patch", "delete").contains(m))
                .forEach(m -> operations.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path)));
        return operations;
    }

    @Test
    void thePublicDocumentHasNoInternalPath() {
        JsonPath document = given().accept("application/json").when().get(publicDocument() + "?format=json")
                .then().statusCode(200).extract().jsonPath();
        assertThat(operations(document)).isNotEmpty().noneMatch(op -> op.contains(" /internal"));
    }

    @Test
    void theInternalDocumentHasEveryInternalOperationAndNothingElse() {
        JsonPath document = internalDocument();
        assertThat(operations(document)).isEqualTo(new TreeSet<>(internalOperations()));
        assertThat(document.getString("info.title")).contains("internal");
        assertThat(document.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
    }

    @Test
    void theInternalDocumentIsForAdminsAndServices() {
        given().auth().oauth2(TestTokens.admin("sub-admin")).when().get(INTERNAL_DOCUMENT).then().statusCode(200);
        given().auth().oauth2(TestTokens.service("contract-test")).when().get(INTERNAL_DOCUMENT).then().statusCode(200);
        given().when().get(INTERNAL_DOCUMENT).then().statusCode(401);
        given().auth().oauth2(TestTokens.user("sub-user")).when().get(INTERNAL_DOCUMENT).then().statusCode(403)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("role"));
    }
}
