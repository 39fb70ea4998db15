package org.plugin.privacy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.plugin.testing.InternalDocumentContract;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What holds for every endpoint at once: who may call it (401 without a token, 403 with a token
 * lacking the role, through with the role), and that the OpenAPI document lists every operation
 * this table covers with the statuses the conventions require. A new endpoint missing from the
 * table fails {@link OpenApi#theTableCoversEveryOperation()}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class ApiContractTest {

    enum Access {
        PUBLIC, USER, ADMIN, SERVICE, ADMIN_OR_SERVICE
    }

    /** One operation: method, path with placeholders, who may call it, and a body when it takes one. */
    record Endpoint(String method, String path, Access access, String body) {
        String concretePath() {
            return path.replace("{id}", UUID.randomUUID().toString()).replace("{version}", "no-such-version");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final String NOTE = "{\"note\":\"n\"}";

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/privacy/notice", Access.PUBLIC, null),
            new Endpoint("GET", "/api/privacy/notice/versions/{version}", Access.PUBLIC, null),
            new Endpoint("GET", "/api/privacy/cookies", Access.PUBLIC, null),
            new Endpoint("POST", "/api/privacy/notice/versions", Access.ADMIN, "{}"),
            new Endpoint("POST", "/api/privacy/requests", Access.USER, "{\"type\":\"NOPE\"}"),
            new Endpoint("GET", "/api/privacy/requests/mine", Access.USER, null),
            new Endpoint("GET", "/api/privacy/requests/{id}", Access.USER, null),
            new Endpoint("GET", "/api/privacy/requests/{id}/export", Access.USER, null),
            new Endpoint("GET", "/api/privacy/requests", Access.ADMIN, null),
            new Endpoint("POST", "/api/privacy/requests/{id}/approve", Access.ADMIN, NOTE),
            new Endpoint("POST", "/api/privacy/requests/{id}/reject", Access.ADMIN, "{\"reason\":\"r\"}"),
            new Endpoint("POST", "/api/privacy/requests/{id}/complete", Access.ADMIN, NOTE),
            new Endpoint("POST", "/api/privacy/requests/{id}/extend", Access.ADMIN, "{\"months\":1,\"reason\":\"r\"}"),
            new Endpoint("POST", "/api/privacy/requests/{id}/lift", Access.ADMIN, NOTE),
            new Endpoint("GET", "/api/privacy/erasure-jobs", Access.ADMIN, null),
            new Endpoint("GET", "/api/privacy/erasure-jobs/{id}", Access.ADMIN, null),
            new Endpoint("POST", "/api/privacy/erasure-jobs/{id}/retry", Access.ADMIN, null),
            new Endpoint("GET", "/api/privacy/erasure-jobs/{id}/certificate", Access.ADMIN, null),
            new Endpoint("POST", "/api/privacy/disclosures", Access.ADMIN, "{}"),
            new Endpoint("GET", "/api/privacy/disclosures", Access.ADMIN, null),
            new Endpoint("GET", "/api/privacy/disclosures/{id}", Access.ADMIN, null),
            new Endpoint("POST", "/api/privacy/contact-requests", Access.USER, "{}"),
            new Endpoint("GET", "/api/privacy/contact-requests/mine", Access.USER, null),
            new Endpoint("GET", "/api/privacy/contact-requests/mine/{id}", Access.USER, null),
            new Endpoint("GET", "/api/privacy/contact-requests/received", Access.USER, null),
            new Endpoint("GET", "/api/privacy/contact-requests", Access.ADMIN, null),
            new Endpoint("POST", "/api/privacy/contact-requests/{id}/relay", Access.ADMIN, NOTE),
            new Endpoint("POST", "/api/privacy/contact-requests/{id}/decline", Access.ADMIN, NOTE),
            new Endpoint("POST", "/internal/privacy/deactivations", Access.SERVICE, "{}"),
            new Endpoint("GET", "/internal/clock", Access.ADMIN_OR_SERVICE, null),
            new Endpoint("POST", "/internal/clock/advance", Access.ADMIN_OR_SERVICE, "{}"),
            new Endpoint("POST", "/internal/clock/reset", Access.ADMIN_OR_SERVICE, null));

    static Stream<Endpoint> secured() {
        return ENDPOINTS.stream().filter(e -> e.access() != Access.PUBLIC);
    }

    static Stream<Endpoint> all() {
        return ENDPOINTS.stream();
    }

    static Response call(Endpoint e, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (e.body() != null) {
            request = request.contentType(ContentType.JSON).body(e.body());
        }
        return request.when().request(e.method(), e.concretePath());
    }

    /** Tokens that must be refused with 403 (authenticated, wrong role). */
    static List<String> wrongRoles(Access access) {
        String noRole = TestTokens.token().subject("no-role-" + UUID.randomUUID()).sign();
        String user = TestTokens.user("plain-" + UUID.randomUUID());
        String service = TestTokens.service("atom-service");
        String ci = TestTokens.ci("ci-alice", "alice");
        return switch (access) {
            case USER -> List.of(noRole, service, ci);
            case ADMIN -> List.of(noRole, user, service, ci);
            case SERVICE -> List.of(noRole, user, TestTokens.admin("dpo-" + UUID.randomUUID()), ci);
            case ADMIN_OR_SERVICE -> List.of(noRole, user, ci);
            case PUBLIC -> List.of();
        };
    }

    /** A token that carries the role the endpoint requires. */
    static String rightRole(Access access) {
        return switch (access) {
            case USER -> TestTokens.user("someone-" + UUID.randomUUID());
            case ADMIN, ADMIN_OR_SERVICE -> TestTokens.admin("dpo-" + UUID.randomUUID());
            case SERVICE -> TestTokens.service("contributor-service");
            case PUBLIC -> null;
        };
    }

    @Nested
    class Personas {
        @ParameterizedTest(name = "{0} without a token: 401")
        @MethodSource("org.plugin.privacy.rest.ApiContractTest#secured")
        void anonymous(Endpoint e) {
            call(e, null).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer")).body("status", equalTo(401));
        }

        @ParameterizedTest(name = "{0} with an expired token: 401")
        @MethodSource("org.plugin.privacy.rest.ApiContractTest#secured")
        void expired(Endpoint e) {
            String expired = TestTokens.token().subject("late").roles("user", "admin", "service")
                    .expiresAt(Instant.now().minusSeconds(120)).sign();
            call(e, expired).then().statusCode(401).contentType("application/problem+json");
        }

        @ParameterizedTest(name = "{0} with the wrong role: 403")
        @MethodSource("org.plugin.privacy.rest.ApiContractTest#secured")
        void wrongRole(Endpoint e) {
            for (String token : wrongRoles(e.access())) {
                call(e, token).then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
            }
        }

        @ParameterizedTest(name = "{0} with the right role: past security")
        @MethodSource("org.plugin.privacy.rest.ApiContractTest#all")
        void allowed(Endpoint e) {
            // the body or the id is made up, so the answer is a 2xx, 400, 404 or 409: never 401/403, never 500
            Response response = call(e, rightRole(e.access()));
            assertThat(response.statusCode()).as(e + " answered " + response.asString()).isNotIn(401, 403).isLessThan(500);
            if (response.statusCode() >= 400) {
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
    }

    @Nested
    class OpenApi {
        JsonPath document() {
            return given().when().get("/api/privacy/openapi?format=json").then().statusCode(200).extract().jsonPath();
        }

        Map<String, Map<String, Object>> operations() {
            // the public document and the internal one, which the service serves itself
            Map<String, Map<String, Object>> paths = new java.util.HashMap<>(document().getMap("paths"));
            paths.putAll(InternalDocumentContract.internalDocument().getMap("paths"));
            Map<String, Map<String, Object>> operations = new java.util.TreeMap<>();
            paths.forEach((path, methods) -> methods.forEach((method, op) -> {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> operation = (Map<String, Object>) op;
                    operations.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path, operation);
                }
            }));
            return operations;
        }

        @Test
        void theTableCoversEveryOperation() {
            Set<String> documented = new TreeSet<>(operations().keySet());
            Set<String> tested = ENDPOINTS.stream().map(Endpoint::toString).collect(Collectors.toCollection(TreeSet::new));
            assertThat(tested).isEqualTo(documented);
        }

        @Test
        @SuppressWarnings("unchecked")
        void everyOperationDocumentsTheStatusesItCanAnswer() {
            List<String> missing = new ArrayList<>();
            Map<String, Map<String, Object>> operations = operations();
            for (Endpoint e : ENDPOINTS) {
                Map<String, Object> op = operations.get(e.toString());
                if (op == null || !e.path().startsWith("/api/privacy") && !e.path().startsWith("/internal/privacy")) {
                    continue; // the clock is common's, documented there
                }
                Set<String> statuses = ((Map<String, Object>) op.get("responses")).keySet();
                List<String> required = new ArrayList<>();
                if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
                    required.add("2xx");
                }
                if (e.access() != Access.PUBLIC) {
                    required.addAll(List.of("401", "403"));
                }
                if (op.containsKey("requestBody")) {
                    required.addAll(List.of("400", "413"));
                }
                if (e.path().contains("{")) {
                    required.add("404");
                }
                List<Map<String, Object>> parameters = (List<Map<String, Object>>) op.getOrDefault("parameters", List.of());
                if (parameters.stream().anyMatch(p -> "query".equals(p.get("in")))) {
                    required.add("400");
                }
                required.stream().filter(s -> !s.equals("2xx") && !statuses.contains(s)).distinct()
                        .forEach(s -> missing.add(e + " does not document " + s));
                if (required.contains("2xx")) {
                    missing.add(e + " documents no success");
                }
                if (e.access() != Access.PUBLIC && op.get("security") == null) {
                    missing.add(e + " names no security scheme");
                }
            }
            assertThat(missing).isEmpty();
        }

        @Test
        void theBearerSchemeIsDeclared() {
            assertThat(document().getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        }
    }

    @Nested
    class Cors {
        @Test
        void theConfiguredFrontendOriginIsAllowed() {
            given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "Authorization,Content-Type")
                    .when().options("/api/privacy/requests")
                    .then().statusCode(oneOf(200, 204)).header("Access-Control-Allow-Origin", "http://localhost:3000");
            given().header("Origin", "http://localhost:3000").when().get("/api/privacy/cookies")
                    .then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:3000");
        }

        @Test
        void anyOtherOriginIsNot() {
            given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                    .when().options("/api/privacy/requests")
                    .then().header("Access-Control-Allow-Origin", nullValue());
            given().header("Origin", "https://evil.example").when().get("/api/privacy/cookies")
                    .then().header("Access-Control-Allow-Origin", not(equalTo("https://evil.example")));
        }
    }
}
