package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The API contract frontend teams generate clients from, as the running stack publishes it
 * (docs/api-contract.md): the three public documents and the merged one the gateway serves, the
 * problem every error answer carries, CORS caching, and one timestamp text per instant.
 */
class ApiContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> PREFIXES = List.of("contributors", "atoms", "privacy");
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final String PROBLEM_TYPE = "urn:plugin:problem:";
    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
    static final String ORIGIN = "http://localhost:3000";

    static final Map<String, JsonNode> DOCUMENTS = new LinkedHashMap<>();
    static JsonNode merged;

    @BeforeAll
    static void documents() throws IOException {
        for (String prefix : PREFIXES) {
            DOCUMENTS.put(prefix, JSON.readTree(given().spec(Stack.gateway()).queryParam("format", "json")
                    .when().get("/api/" + prefix + "/openapi").then().statusCode(200).extract().asString()));
        }
        merged = JSON.readTree(given().spec(Stack.gateway()).when().get("/api/openapi")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString());
    }

    /** Public operations of a document: method and path to the operation. */
    static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        document.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return; // /internal operations are no part of the public API (the gateway never routes them)
            }
            path.getValue().fields().forEachRemaining(m -> {
                if (METHODS.contains(m.getKey())) {
                    operations.put(m.getKey().toUpperCase() + " " + path.getKey(), m.getValue());
                }
            });
        });
        return operations;
    }

    static JsonNode resolve(JsonNode document, JsonNode node) {
        while (node.has("$ref")) {
            JsonNode target = document;
            for (String part : node.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            node = target;
        }
        return node;
    }

    @Test
    void everyOperationHasAnOperationIdUniqueAcrossThePublicApi() {
        Map<String, String> seen = new HashMap<>();
        List<String> failures = new ArrayList<>();
        DOCUMENTS.forEach((prefix, document) -> operations(document).forEach((where, operation) -> {
            String id = operation.path("operationId").asText("");
            if (id.isEmpty()) {
                failures.add(where + " has no operationId");
            } else if (!id.matches("[a-z][A-Za-z]+")) {
                failures.add(where + ": operationId '" + id + "' is not lowerCamelCase");
            } else if (seen.containsKey(id)) {
                failures.add(where + ": operationId '" + id + "' is also " + seen.get(id));
            } else {
                seen.put(id, where);
            }
        }));
        assertThat(failures).isEmpty();
        assertThat(seen).hasSizeGreaterThan(40);
    }

    @Test
    void every201DeclaresItsLocationAndItsBody() {
        List<String> failures = new ArrayList<>();
        int created = 0;
        for (var entry : DOCUMENTS.entrySet()) {
            for (var op : operations(entry.getValue()).entrySet()) {
                JsonNode response = resolve(entry.getValue(), op.getValue().path("responses").path("201"));
                if (response.isMissingNode()) {
                    continue;
                }
                created++;
                if (!response.path("headers").has("Location")) {
                    failures.add(op.getKey() + ": its 201 declares no Location header");
                }
                if (response.path("content").path("application/json").path("schema").isMissingNode()) {
                    failures.add(op.getKey() + ": its 201 describes no JSON body");
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(created).as("operations answering 201").isGreaterThanOrEqualTo(9);
    }

    @Test
    void everyDocumentedErrorIsTheSharedProblem() {
        List<String> failures = new ArrayList<>();
        for (var entry : DOCUMENTS.entrySet()) {
            JsonNode problem = entry.getValue().path("components").path("schemas").path("Problem");
            assertThat(problem.path("properties").fieldNames()).toIterable()
                    .as("the Problem schema of %s", entry.getKey())
                    .contains("type", "title", "status", "detail", "requestId", "violations", "errors", "rejectedBy");
            assertThat(problem).as("the same Problem schema in every document").isEqualTo(DOCUMENTS.get("contributors")
                    .path("components").path("schemas").path("Problem"));
            for (var op : operations(entry.getValue()).entrySet()) {
                op.getValue().path("responses").fields().forEachRemaining(r -> {
                    if (!r.getKey().startsWith("4") && !r.getKey().startsWith("5")) {
                        return;
                    }
                    JsonNode content = resolve(entry.getValue(), r.getValue()).path("content");
                    if (content.size() != 1 || !PROBLEM_REF.equals(content.path("application/problem+json").path("schema").path("$ref").asText())) {
                        failures.add(op.getKey() + " " + r.getKey() + ": " + content);
                    }
                });
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theGatewayServesOneMergedDocumentWithThePathsOfAllThreeServices() {
        Set<String> expected = new TreeSet<>();
        DOCUMENTS.values().forEach(d -> expected.addAll(operations(d).keySet()));
        assertThat(operations(merged).keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).anyMatch(o -> o.contains("/api/contributors")).anyMatch(o -> o.contains("/api/atoms"))
                .anyMatch(o -> o.contains("/api/chains")).anyMatch(o -> o.contains("/api/privacy"));
        assertThat(merged.path("servers").get(0).path("url").asText()).isEqualTo(DOCUMENTS.get("atoms").path("servers").get(0).path("url").asText())
                .startsWith("http");
        // every reference in the merged document resolves in it
        merged.findValues("$ref").forEach(ref -> assertThat(resolve(merged, JSON.createObjectNode().put("$ref", ref.asText())).isMissingNode())
                .as(ref.asText()).isFalse());
    }

    @Test
    void problemsCarryTheirTypeFromTheServicesAndFromTheGateway() {
        String alice = Stack.userToken(Stack.ALICE);
        given().spec(Stack.gateway(alice)).when().get("/api/atoms/no-such-atom-" + Stack.unique())
                .then().statusCode(404).body("type", equalTo(PROBLEM_TYPE + "not-found"));
        // a query parameter that fails a constraint: a validation problem that says it was in the query
        given().spec(Stack.gateway(alice)).queryParam("limit", "abc").when().get("/api/chains")
                .then().statusCode(400).body("type", equalTo(PROBLEM_TYPE + "validation"))
                .body("violations.field", hasItem("limit")).body("violations.in", hasItem("query"))
                .body("violations.find { it.field == 'limit' }.in", equalTo("query"));
        given().spec(Stack.gateway(alice)).contentType(ContentType.JSON).body("{\"stars\":").when().put("/api/atoms/x/ratings/mine")
                .then().statusCode(400).body("type", equalTo(PROBLEM_TYPE + "malformed-json"));
        // the gateway's own problems: the same members, with its mark
        given().spec(Stack.gateway()).when().get("/api/atoms")
                .then().statusCode(401).body("type", equalTo(PROBLEM_TYPE + "unauthorized")).body("title", equalTo("Unauthorized"))
                .body("status", equalTo(401)).body("rejectedBy", equalTo("gateway"))
                .body("requestId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        given().spec(Stack.gateway()).when().get("/internal/contributors/names")
                .then().statusCode(404).body("type", equalTo(PROBLEM_TYPE + "not-found")).body("rejectedBy", equalTo("gateway"));
    }

    @Test
    void aPreflightMayBeCachedAndEveryAnswerVariesByOrigin() {
        for (String path : List.of("/api/contributors", "/api/atoms", "/api/privacy/requests")) {
            Response preflight = given().spec(Stack.gateway()).header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type").when().options(path);
            preflight.then().statusCode(200).header("Access-Control-Allow-Origin", ORIGIN);
            assertThat(Integer.parseInt(preflight.header("Access-Control-Max-Age"))).as("preflight of %s", path).isPositive();
        }
        String alice = Stack.userToken(Stack.ALICE);
        // from the services themselves (called directly, as the gateway does), with and without an Origin
        for (String base : List.of(Stack.CONTRIBUTOR_SERVICE, Stack.ATOM_SERVICE, Stack.PRIVACY_SERVICE)) {
            assertThat(given().baseUri(base).when().get("/q/health/ready").headers().getValues("Vary"))
                    .as("Vary of %s/q/health/ready", base).anyMatch(v -> v.toLowerCase().contains("origin"));
        }
        assertThat(given().baseUri(Stack.ATOM_SERVICE).auth().oauth2(alice).header("Origin", ORIGIN).when().get("/api/atoms")
                .headers().getValues("Vary")).anyMatch(v -> v.toLowerCase().contains("origin"));
        // through the gateway: a service's answer, the gateway's own, the merged document
        for (Response response : List.of(given().spec(Stack.gateway(alice)).when().get("/api/atoms"),
                given().spec(Stack.gateway()).when().get("/api/atoms"), given().spec(Stack.gateway()).when().get("/api/openapi"))) {
            assertThat(String.join(",", response.headers().getValues("Vary")).toLowerCase()).contains("origin");
        }
    }

    @Test
    void aResourceCarriesTheSameTimestampsInIts201AndInEveryLaterRead() {
        Stack.User person = Stack.newPerson("contract");
        String token = person.token();
        String account = "ct-" + Stack.unique();
        Stack.remember(account);
        Response created = given().spec(Stack.gateway(token)).contentType(ContentType.JSON)
                .body(Map.of("accountName", account, "firstName", person.firstName(), "lastName", person.lastName(), "email", person.email()))
                .when().post("/api/contributors");
        created.then().statusCode(201);
        assertThat(created.header("Location")).endsWith("/api/contributors/" + account);
        String since = created.path("since");
        assertThat(since).matches(TIMESTAMP);
        given().spec(Stack.gateway(token)).when().get("/api/contributors/me").then().statusCode(200).body("since", equalTo(since));
        given().spec(Stack.gateway(token)).when().get("/api/contributors/" + account).then().statusCode(200).body("since", equalTo(since));

        // a version registered by CI, then read
        AtomJourneyTest.register(Stack.ALICE, "Alice", "Liddell");
        String ci = Stack.clientToken(AtomJourneyTest.CI_ALICE, AtomJourneyTest.CI_ALICE_SECRET);
        String atom = "contract-" + Stack.unique();
        Response version = given().spec(Stack.gateway(ci)).contentType(ContentType.JSON)
                .body(AtomJourneyTest.descriptor("contract", 'e', AtomJourneyTest.HTTP_POINTS)).when().put("/api/atoms/" + atom + "/versions/1.0.0");
        version.then().statusCode(201);
        String createdAt = version.path("version.createdAt");
        assertThat(createdAt).matches(TIMESTAMP);
        given().spec(Stack.gateway(Stack.userToken(Stack.ALICE))).when().get("/api/atoms/" + atom + "/versions/1.0.0")
                .then().statusCode(200).body("createdAt", equalTo(createdAt));
        given().spec(Stack.gateway(Stack.userToken(Stack.ALICE))).when().get("/api/atoms/" + atom)
                .then().statusCode(200).body("versions[0].createdAt", equalTo(createdAt))
                .body("createdAt", org.hamcrest.Matchers.matchesPattern(TIMESTAMP));
    }
}
