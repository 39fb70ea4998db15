package org.plugin.e2e.hostile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.plugin.e2e.Stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;

/**
 * Hostile input through the gateway, generated from the published OpenAPI documents: every public
 * operation, each of its path and query parameters and body fields given values from
 * {@link HostileCatalogue}, broken bodies, wrong media types and methods, with every persona's real
 * token (anonymous, alice, bob, admin, the ci-alice client). It asserts that nothing answers 5xx,
 * that every error is problem+json naming no library or class, that no answer to a non-admin
 * carries someone else's email, and that no rejected request changed a row (checksums of every
 * table of the three databases around each operation's requests; a group with an accepted write is
 * checked again request by request). Seeded ({@code -Dhostile.seed}, default 11): the same stack
 * gets the same requests in the same order. It runs first in the e2e phase (junit-platform.properties),
 * so that no other test's work is under way in the services' background workers meanwhile.
 * {@code -Dhostile.verbose=true} lists the requests that were accepted.
 */
@Order(1)
class HostileInputSuiteTest {

    static final long SEED = Long.getLong("hostile.seed", 11L);
    static final int MIN_REQUESTS = 3000;
    /**
     * A guard against a runaway suite (a gateway that makes every refusal wait), not a speed goal: the
     * suite takes about 40 s on an idle CI machine and nearly 5 minutes on a 2-core machine loaded by
     * other builds (load 20), where a 180 s budget failed a run that had no other failure.
     */
    static final Duration BUDGET = Duration.ofSeconds(Long.getLong("hostile.budget-seconds", 600L));
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    static final Pattern INTERNALS = Pattern.compile("com\\.fasterxml|\\bjava\\.|\\bjavax\\.|\\bjakarta\\.|org\\.hibernate|io\\.vertx|io\\.netty"
            + "|io\\.quarkus|org\\.jboss|io\\.smallrye|org\\.postgresql|Exception\\b|StreamReadConstraints|JsonReadFeature|\\tat [a-z]"
            + "|\\B@[A-Z][A-Za-z]+\\b");
    static final Set<String> SELF_DESTRUCTIVE = Set.of("DELETE /api/contributors/me", "POST /api/contributors/me/deactivation");
    /** Where a write names an Atom: a name the API reserves, so that no write can create or change one. */
    static final String ABSENT_ATOM = "search";
    static final String ABSENT_NAME = "hostile-absent";
    /** Operations an admin's accepted request would turn into lasting state of the admin's account. */
    static final Set<String> NO_ADMIN = Set.of("POST /api/contributors");
    /** Enum constants that start no background work when a write is accepted (an OBJECTION waits for an admin). */
    static final List<String> QUIET_CONSTANTS = List.of("OBJECTION", "COMPONENT", "CONTAINER_IMAGE", "IN", "DRAFT");

    record Persona(String name, String token, String email) {
    }

    record Param(String name, String in, JsonNode schema) {
    }

    record Operation(String method, String path, List<Param> params, JsonNode bodySchema, JsonNode document) {
        String key() {
            return method + " " + path;
        }
    }

    /** One request of the suite. */
    record Attack(Operation op, String label, Persona persona, String method, String target, String contentType, byte[] body,
            Map<String, String> headers) {
    }

    record Outcome(Attack attack, int status, String contentType, String body) {
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    final Random random = new Random(SEED);
    final List<String> failures = new ArrayList<>() {
        @Override
        public boolean add(String failure) {
            total++;
            return size() < 300 && super.add(failure);
        }
    };
    int total;
    final Map<String, String> fixtures = new LinkedHashMap<>();
    final int[] byClass = new int[6];
    int requests;
    int checkedRejected;

    // ---- personas and fixtures -------------------------------------------------------------------

    List<Persona> personas() {
        return List.of(new Persona("anonymous", null, null),
                new Persona("alice", Stack.userToken(Stack.ALICE), "alice@example.org"),
                new Persona("bob", Stack.userToken(Stack.BOB), "bob@example.org"),
                new Persona("admin", Stack.userToken(Stack.ADMIN), "admin@example.org"),
                new Persona("ci-alice", Stack.clientToken("ci-alice", System.getenv().getOrDefault("CI_ALICE_SECRET", "ci-alice-secret")), null));
    }

    /** What real resources the reads point at: created here, before any checksum is taken. */
    void fixtures(Map<String, Persona> p) {
        for (String user : List.of(Stack.ALICE, Stack.BOB)) {
            int status = given().spec(Stack.gateway(p.get(user).token())).contentType(ContentType.JSON)
                    .body("{\"accountName\":\"%s\",\"firstName\":\"%s\",\"lastName\":\"Hostile\",\"email\":\"%s@example.org\"}"
                            .formatted(user, user.substring(0, 1).toUpperCase() + user.substring(1), user))
                    .post("/api/contributors").then().extract().statusCode();
            assertThat(status).as("registering " + user).isIn(201, 409);
        }
        String atom = "hostile-suite";
        int published = given().spec(Stack.gateway(p.get("ci-alice").token())).contentType(ContentType.JSON).body("""
                {"atom":{"displayName":"Hostile suite","summary":"Target of the hostile-input suite","description":"Reads point here.",
                  "kind":"COMPONENT","category":"testing","tags":["e2e"],"license":"MIT OR Apache-2.0"},
                 "artifacts":[{"type":"CONTAINER_IMAGE","reference":"registry.example.org/hostile:1","digest":"sha256:%s"}],
                 "connectionPoints":[{"name":"in","protocol":"HTTP","direction":"IN"},{"name":"out","protocol":"HTTP","direction":"OUT"}]}"""
                .formatted("b".repeat(64))).put("/api/atoms/" + atom + "/versions/1.0.0").then().extract().statusCode();
        assertThat(published).as("publishing the suite's Atom").isIn(200, 201);
        fixtures.put("atom", atom);
        int chain = given().spec(Stack.gateway(p.get("alice").token())).contentType(ContentType.JSON)
                .body("{\"name\":\"hostile-suite-chain\",\"nodes\":[{\"key\":\"a\",\"atom\":\"" + atom + "\",\"version\":\"1.0.0\"}]}")
                .post("/api/chains").then().extract().statusCode();
        assertThat(chain).isIn(201, 409);
        fixtures.put("chain", "hostile-suite-chain");
        List<String> comments = given().spec(Stack.gateway(p.get("bob").token())).get("/api/atoms/" + atom + "/comments")
                .then().statusCode(200).extract().path("items.id");
        fixtures.put("comment", comments.isEmpty() ? given().spec(Stack.gateway(p.get("bob").token())).contentType(ContentType.JSON)
                .body("{\"body\":\"A comment for the hostile suite\"}").post("/api/atoms/" + atom + "/comments").then().statusCode(201)
                .extract().path("id") : comments.get(0));
        // an OBJECTION waits for an admin: no worker acts on it while checksums are compared
        fixtures.put("request", given().spec(Stack.gateway(p.get("alice").token())).contentType(ContentType.JSON)
                .body("{\"type\":\"OBJECTION\",\"reason\":\"hostile suite\"}").post("/api/privacy/requests").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                .extract().path("id"));
        List<String> contacts = given().spec(Stack.gateway(p.get("bob").token())).get("/api/privacy/contact-requests/mine")
                .then().statusCode(200).extract().path("items.id");
        fixtures.put("contact", contacts.isEmpty() ? given().spec(Stack.gateway(p.get("bob").token())).contentType(ContentType.JSON)
                .body("{\"accountName\":\"alice\",\"message\":\"Hello from the hostile suite\"}").post("/api/privacy/contact-requests")
                .then().statusCode(201).extract().path("id") : contacts.get(0));
        List<String> disclosures = given().spec(Stack.gateway(p.get("admin").token())).get("/api/privacy/disclosures")
                .then().statusCode(200).extract().path("items.id");
        fixtures.put("disclosure", disclosures.isEmpty() ? UUID.randomUUID().toString() : disclosures.get(0));
    }

    // ---- the documents -----------------------------------------------------------------------------

    List<Operation> operations() throws IOException {
        List<Operation> ops = new ArrayList<>();
        for (String prefix : List.of("contributors", "atoms", "privacy")) {
            JsonNode doc = JSON.readTree(given().spec(Stack.gateway()).queryParam("format", "json").get("/api/" + prefix + "/openapi")
                    .then().statusCode(200).extract().asString());
            doc.get("paths").fields().forEachRemaining(path -> {
                if (!path.getKey().startsWith("/api/")) {
                    return; // internal operations: the gateway never routes them (GatewayTest)
                }
                path.getValue().fields().forEachRemaining(m -> {
                    if (!Set.of("get", "post", "put", "patch", "delete").contains(m.getKey())) {
                        return;
                    }
                    List<Param> params = new ArrayList<>();
                    for (JsonNode declared : m.getValue().path("parameters")) {
                        JsonNode p = resolve(doc, declared); // shared parameters (limit, offset) are references
                        params.add(new Param(p.get("name").asText(), p.get("in").asText(), resolve(doc, p.path("schema"))));
                    }
                    JsonNode body = m.getValue().path("requestBody").path("content").path("application/json").path("schema");
                    ops.add(new Operation(m.getKey().toUpperCase(), path.getKey(), params, body.isMissingNode() ? null : resolve(doc, body), doc));
                });
            });
        }
        ops.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
        return ops;
    }

    static JsonNode resolve(JsonNode doc, JsonNode schema) {
        int guard = 0;
        while (schema.has("$ref") && guard++ < 20) {
            String[] parts = schema.get("$ref").asText().substring(2).split("/");
            JsonNode target = doc;
            for (String part : parts) {
                target = target.path(part);
            }
            schema = target;
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            return resolve(doc, schema.get("allOf").get(0));
        }
        return schema;
    }

    // ---- good values from schemas -------------------------------------------------------------------

    static final List<String> CANDIDATES = List.of("hostile-base", "1.0.0", "Apache-2.0", "sha256:" + "a".repeat(64), "https://example.org/x",
            "HTTP", "Hostile", "alice", "Java", "registry.example.org/hostile:1", "ab", "x", "A1");

    JsonNode good(JsonNode doc, JsonNode schema, String name, int depth) {
        schema = resolve(doc, schema);
        if (schema.has("enum")) {
            for (JsonNode constant : schema.get("enum")) {
                if (QUIET_CONSTANTS.contains(constant.asText())) {
                    return constant;
                }
            }
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText("object");
        switch (type) {
            case "integer", "number" -> {
                long value = schema.has("minimum") ? schema.get("minimum").asLong() : 1;
                return JSON.getNodeFactory().numberNode(value);
            }
            case "boolean" -> {
                return JSON.getNodeFactory().booleanNode(false);
            }
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                if (depth < 6) {
                    array.add(good(doc, schema.path("items"), name, depth + 1));
                }
                return array;
            }
            case "string" -> {
                return JSON.getNodeFactory().textNode(goodText(schema, name));
            }
            default -> {
                ObjectNode object = JSON.createObjectNode();
                if (depth < 6) {
                    schema.path("properties").fields().forEachRemaining(f -> object.set(f.getKey(), good(doc, f.getValue(), f.getKey(), depth + 1)));
                }
                return object;
            }
        }
    }

    static String goodText(JsonNode schema, String name) {
        String format = schema.path("format").asText("");
        switch (format) {
            case "uuid" -> {
                return new UUID(SEED, name.hashCode()).toString();
            }
            case "date" -> {
                return "2020-01-01"; // in the past: no notice version can be published for it
            }
            case "date-time" -> {
                return "2020-01-01T00:00:00Z";
            }
            default -> {
            }
        }
        String lower = name.toLowerCase();
        List<String> hints = new ArrayList<>();
        if (lower.contains("license")) {
            hints.add("Apache-2.0");
        } else if (lower.contains("email") || lower.equals("replyto")) {
            hints.add("hostile-suite@example.org");
        } else if (lower.contains("url")) {
            hints.add("https://example.org/x");
        } else if (lower.contains("version")) {
            hints.add("1.0.0");
        } else if (lower.equals("accountname")) {
            hints.add(ABSENT_NAME);
        } else if (lower.equals("name")) {
            hints.add(ABSENT_ATOM);
        } else if (lower.contains("name") && !lower.equals("name")) {
            hints.add("Hostile");
        }
        hints.addAll(CANDIDATES);
        Pattern pattern = schema.has("pattern") ? Pattern.compile(schema.get("pattern").asText()) : null;
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        int min = schema.path("minLength").asInt(0);
        for (String h : hints) {
            if (h.length() <= max && h.length() >= min && (pattern == null || pattern.matcher(h).find())) {
                return h;
            }
        }
        return "x";
    }

    /** Leaves of a good body: JSON pointer and the schema of the value there. */
    void leaves(JsonNode doc, JsonNode schema, JsonNode value, String pointer, Map<String, JsonNode> into) {
        schema = resolve(doc, schema);
        into.put(pointer, schema);
        if (value instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
                String f = it.next();
                leaves(doc, schema.path("properties").path(f), o.get(f), pointer + "/" + f, into);
            }
        } else if (value instanceof ArrayNode a && !a.isEmpty()) {
            leaves(doc, schema.path("items"), a.get(0), pointer + "/0", into);
        }
    }

    /** The hostile JSON values for a value of this schema. */
    List<HostileCatalogue.Value> hostileFor(JsonNode schema) {
        List<HostileCatalogue.Value> values = new ArrayList<>();
        String type = schema.has("enum") ? "enum" : schema.path("type").asText("object");
        switch (type) {
            case "string" -> {
                HostileCatalogue.TEXTS.forEach(t -> values.add(new HostileCatalogue.Value(t.label(), HostileCatalogue.quote(t.text()))));
                HostileCatalogue.WRONG_TYPES.stream().filter(v -> !v.label().equals("string")).forEach(values::add);
            }
            case "integer", "number" -> {
                values.addAll(HostileCatalogue.NUMBERS);
                HostileCatalogue.WRONG_TYPES.stream().filter(v -> !v.label().equals("integer")).forEach(values::add);
            }
            case "enum" -> {
                values.add(new HostileCatalogue.Value("unknown constant", "\"NOPE\""));
                values.add(new HostileCatalogue.Value("lower-case constant", HostileCatalogue.quote(schema.get("enum").get(0).asText().toLowerCase())));
                values.add(new HostileCatalogue.Value("bidi in constant", HostileCatalogue.quote("\u202E" + schema.get("enum").get(0).asText())));
                HostileCatalogue.WRONG_TYPES.stream().filter(v -> !v.label().equals("string")).forEach(values::add);
            }
            case "array" -> {
                values.addAll(HostileCatalogue.STRUCTURE_VALUES);
                HostileCatalogue.WRONG_TYPES.stream().filter(v -> !v.label().equals("empty array")).forEach(values::add);
            }
            case "boolean" -> {
                values.add(new HostileCatalogue.Value("string true", "\"true\""));
                values.add(new HostileCatalogue.Value("one", "1"));
                HostileCatalogue.WRONG_TYPES.stream().filter(v -> !v.label().equals("boolean")).forEach(values::add);
            }
            default -> {
                values.add(new HostileCatalogue.Value("unknown field", "{\"admin\":true,\"id\":\"" + new UUID(SEED, 1) + "\"}"));
                HostileCatalogue.WRONG_TYPES.stream().filter(v -> !v.label().equals("object")).forEach(values::add);
                values.add(HostileCatalogue.STRUCTURE_VALUES.get(0));
            }
        }
        return values;
    }

    // ---- requests -------------------------------------------------------------------------------------

    /** The value a path parameter takes in an attack that does not aim at it. */
    String pathValue(Operation op, Param p) {
        boolean read = op.method().equals("GET");
        return switch (p.name()) {
            case "name" -> read ? (op.path().startsWith("/api/chains") ? fixtures.get("chain") : fixtures.get("atom"))
                    : op.path().startsWith("/api/chains") ? ABSENT_NAME : ABSENT_ATOM;
            case "version" -> "1.0.0";
            case "accountName" -> read ? "alice" : ABSENT_NAME;
            case "id" -> {
                if (!read) {
                    yield new UUID(SEED, op.path().hashCode()).toString(); // never an existing record: accepted writes change nothing
                }
                if (op.path().contains("/comments/")) {
                    yield fixtures.get("comment");
                }
                if (op.path().contains("/contact-requests/")) {
                    yield fixtures.get("contact");
                }
                if (op.path().contains("/disclosures/")) {
                    yield fixtures.get("disclosure");
                }
                yield op.path().contains("/requests/") ? fixtures.get("request") : new UUID(SEED, 7).toString();
            }
            default -> "hostile-base";
        };
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String target(Operation op, Map<String, String> overrides) {
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (Param p : op.params()) {
            String value = overrides.containsKey(p.name()) ? overrides.get(p.name()) : null;
            if (p.in().equals("path")) {
                path = path.replace("{" + p.name() + "}", encode(value != null ? value : pathValue(op, p)));
            } else if (p.in().equals("query") && value != null) {
                query.append(query.isEmpty() ? "?" : "&").append(encode(p.name())).append('=').append(encode(value));
            }
        }
        return path + query;
    }

    Persona persona(Operation op, List<Persona> all) {
        if (SELF_DESTRUCTIVE.contains(op.key())) {
            return random.nextBoolean() ? all.get(0) : all.get(4); // anonymous or the CI client: never a user who would deactivate
        }
        int r = random.nextInt(11);
        Persona chosen = r < 4 ? all.get(3) : r < 7 ? all.get(1) : r < 9 ? all.get(2) : r < 10 ? all.get(4) : all.get(0);
        return chosen.name().equals("admin") && NO_ADMIN.contains(op.key()) ? all.get(2) : chosen;
    }

    <T> List<T> sample(List<T> values, int n) {
        List<T> copy = new ArrayList<>(values);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    List<Attack> attacks(Operation op, List<Persona> all) {
        List<Attack> attacks = new ArrayList<>();
        JsonNode goodBody = op.bodySchema() == null ? null : good(op.document(), op.bodySchema(), "", 0);
        byte[] goodBytes = goodBody == null ? null : HostileCatalogue.utf8(goodBody.toString());
        String contentType = goodBody == null ? null : "application/json";
        String plain = target(op, Map.of());
        for (Param p : op.params()) {
            if (!p.in().equals("path") && !p.in().equals("query")) {
                continue;
            }
            for (var t : sample(HostileCatalogue.TEXTS, p.in().equals("path") ? 14 : 16)) {
                attacks.add(new Attack(op, p.in() + " " + p.name() + ": " + t.label(), persona(op, all), op.method(),
                        target(op, Map.of(p.name(), t.text())), contentType, goodBytes, Map.of()));
            }
        }
        if (goodBody != null) {
            Map<String, JsonNode> leaves = new LinkedHashMap<>();
            leaves(op.document(), op.bodySchema(), goodBody, "", leaves);
            leaves.remove("");
            for (var leaf : leaves.entrySet()) {
                for (var v : sample(hostileFor(leaf.getValue()), 12)) {
                    ObjectNode body = goodBody.deepCopy();
                    String json = replace(body, leaf.getKey(), v.json());
                    attacks.add(new Attack(op, "field " + leaf.getKey() + ": " + v.label(), persona(op, all), op.method(), plain,
                            "application/json", HostileCatalogue.utf8(json), Map.of()));
                }
            }
            for (var b : HostileCatalogue.bodies(goodBody.toString())) {
                attacks.add(new Attack(op, "body: " + b.label(), persona(op, all), op.method(), plain, "application/json", b.bytes(), Map.of()));
            }
            for (String ct : HostileCatalogue.WRONG_CONTENT_TYPES) {
                attacks.add(new Attack(op, "content type: " + (ct.isEmpty() ? "none" : ct), persona(op, all), op.method(), plain,
                        ct.isEmpty() ? null : ct, goodBytes, Map.of()));
            }
        }
        // methods the path does not have
        Set<String> declared = new java.util.HashSet<>();
        op.document().path("paths").path(op.path()).fieldNames().forEachRemaining(m -> declared.add(m.toUpperCase()));
        for (String m : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            if (!declared.contains(m) && op.method().equals(declared.stream().sorted().findFirst().orElse(""))) {
                String wrongTarget = op.path().contains("{") ? target(op, Map.of()).replace(fixtures.get("atom"), ABSENT_ATOM) : plain;
                attacks.add(new Attack(op, "method " + m, persona(op, all), m, wrongTarget, "application/json", HostileCatalogue.utf8("{}"), Map.of()));
            }
        }
        attacks.add(new Attack(op, "accept: application/xml", persona(op, all), op.method(), target(op, Map.of("limit", "-1")), contentType,
                goodBody == null ? null : HostileCatalogue.bodies(goodBody.toString()).get(0).bytes(), Map.of("Accept", "application/xml")));
        attacks.add(new Attack(op, "foreign origin", persona(op, all), op.method(), plain, contentType, goodBytes,
                Map.of("Origin", "https://evil.example")));
        // every persona once, with the first attack's request
        if (!attacks.isEmpty() && !SELF_DESTRUCTIVE.contains(op.key())) {
            Attack first = attacks.get(0);
            for (Persona p : all) {
                if (p.name().equals("admin") && NO_ADMIN.contains(op.key())) {
                    continue;
                }
                attacks.add(new Attack(op, first.label() + " (as " + p.name() + ")", p, first.method(), first.target(), first.contentType(),
                        first.body(), first.headers()));
            }
        }
        return attacks;
    }

    static String replace(ObjectNode body, String pointer, String json) {
        String marker = "\"__hostile__" + UUID.nameUUIDFromBytes(pointer.getBytes(StandardCharsets.UTF_8)) + "\"";
        String[] parts = pointer.substring(1).split("/");
        JsonNode parent = body;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), JSON.getNodeFactory().textNode(marker.substring(1, marker.length() - 1)));
        } else {
            ((ObjectNode) parent).put(last, marker.substring(1, marker.length() - 1));
        }
        return body.toString().replace(marker, json);
    }

    Outcome send(Attack a) {
        var builder = HttpRequest.newBuilder(URI.create(Stack.GATEWAY + a.target())).timeout(Duration.ofSeconds(30));
        if (a.persona().token() != null) {
            builder.header("Authorization", "Bearer " + a.persona().token());
        }
        if (a.contentType() != null) {
            builder.header("Content-Type", a.contentType());
        }
        a.headers().forEach(builder::header);
        builder.method(a.method(), a.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(a.body()));
        try {
            HttpResponse<byte[]> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return count(new Outcome(a, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    new String(r.body(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            failures.add(a.op().key() + " [" + a.label() + "] as " + a.persona().name() + ": no answer (" + e.getMessage() + ")");
            return count(new Outcome(a, 0, "", ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Outcome count(Outcome o) {
        requests++;
        byClass[Math.max(0, Math.min(5, o.status() / 100))]++;
        return o;
    }

    /** The checks every answer must pass. */
    void check(Outcome o) {
        Attack a = o.attack();
        String where = a.method() + " " + abbreviate(a.target()) + " [" + a.label() + "] as " + a.persona().name() + " -> " + o.status();
        if (o.status() >= 500) {
            failures.add(where + ": a server error: " + abbreviate(o.body()));
        }
        if (o.status() >= 400) {
            if (!o.contentType().startsWith("application/problem+json")) {
                failures.add(where + ": not problem+json but '" + o.contentType() + "': " + abbreviate(o.body()));
            } else {
                try {
                    JsonNode problem = JSON.readTree(o.body());
                    if (problem.path("status").asInt() != o.status() || !problem.hasNonNull("title")) {
                        failures.add(where + ": a problem without its status or title: " + abbreviate(o.body()));
                    }
                } catch (IOException e) {
                    failures.add(where + ": problem+json that is not JSON: " + abbreviate(o.body()));
                }
            }
            Matcher internal = INTERNALS.matcher(o.body());
            if (internal.find()) {
                failures.add(where + ": names '" + internal.group() + "': " + abbreviate(o.body()));
            }
        }
        if (!"admin".equals(a.persona().name())) {
            String sent = a.target() + (a.body() == null ? "" : new String(a.body(), StandardCharsets.UTF_8));
            Matcher email = EMAIL.matcher(o.body());
            while (email.find()) {
                String found = email.group();
                if (!found.equalsIgnoreCase(a.persona().email()) && !sent.contains(found)) {
                    failures.add(where + ": an answer to " + a.persona().name() + " carries the email " + found);
                }
            }
        }
    }

    static boolean accepted(Outcome o) {
        boolean success = o.status() >= 200 && o.status() < 400;
        boolean read = o.attack().method().equals("GET") || o.attack().method().equals("HEAD") || o.attack().method().equals("OPTIONS");
        // an admin's successful read may be recorded (email reads are audited): it counts as a write
        return success && (!read || "admin".equals(o.attack().persona().name()));
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** Until two snapshots a few seconds apart agree: no worker is still busy with earlier tests' work. */
    static Map<String, String> quiet(TableChecksums sums) throws InterruptedException {
        Map<String, String> previous = sums.snapshot();
        for (int i = 0; i < 15; i++) {
            Thread.sleep(2000);
            Map<String, String> now = sums.snapshot();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    @Test
    void hostileRequestsGetClearProblemsAndChangeNothing() throws Exception {
        List<Persona> all = personas();
        Map<String, Persona> byName = new TreeMap<>();
        all.forEach(p -> byName.put(p.name(), p));
        fixtures(byName);
        List<Operation> ops = operations();
        assertThat(ops).as("public operations in the OpenAPI documents").hasSizeGreaterThan(40);
        Map<Operation, List<Attack>> plan = new LinkedHashMap<>();
        for (Operation op : ops) {
            plan.put(op, attacks(op, all));
        }
        URI gateway = URI.create(Stack.GATEWAY);
        String pgHost = System.getenv().getOrDefault("PG_HOST", "127.0.0.1");
        int pgPort = Integer.parseInt(System.getenv().getOrDefault("PG_PORT", "5433"));
        long started = System.nanoTime();
        try (TableChecksums sums = new TableChecksums(pgHost, pgPort)) {
            // control: the checksums do see a write (a comment bob adds, then deletes)
            Map<String, String> control = sums.snapshot();
            String comment = given().spec(Stack.gateway(byName.get("bob").token())).contentType(ContentType.JSON)
                    .body("{\"body\":\"control\"}").post("/api/atoms/" + fixtures.get("atom") + "/comments").then().statusCode(201).extract().path("id");
            assertThat(TableChecksums.changed(control, sums.snapshot())).as("tables a new comment changed").isNotEmpty();
            given().spec(Stack.gateway(byName.get("bob").token())).delete("/api/atoms/" + fixtures.get("atom") + "/comments/" + comment)
                    .then().statusCode(204);
            Map<String, String> before = quiet(sums);
            for (var entry : plan.entrySet()) {
                List<Outcome> outcomes = new ArrayList<>();
                for (Attack a : entry.getValue()) {
                    Outcome o = send(a);
                    check(o);
                    outcomes.add(o);
                }
                Map<String, String> after = sums.snapshot();
                List<Outcome> rejected = outcomes.stream().filter(o -> !accepted(o)).toList();
                if (Boolean.getBoolean("hostile.verbose")) {
                    outcomes.stream().filter(o -> o.status() < 400).forEach(o -> System.out.println("accepted " + o.status() + " "
                            + o.attack().method() + " " + abbreviate(o.attack().target()) + " [" + o.attack().label() + "] as " + o.attack().persona().name()));
                }
                if (outcomes.stream().noneMatch(HostileInputSuiteTest::accepted)) {
                    List<String> changed = TableChecksums.changed(before, after);
                    if (!changed.isEmpty()) {
                        failures.add(entry.getKey().key() + ": rejected requests changed " + changed);
                    }
                    checkedRejected += rejected.size();
                } else {
                    // some request was accepted (and may have written): the rejected ones again, one at a time
                    for (Outcome o : rejected) {
                        Map<String, String> s0 = sums.snapshot();
                        Outcome again = send(o.attack());
                        check(again);
                        Map<String, String> s1 = sums.snapshot();
                        if (!accepted(again)) {
                            checkedRejected++;
                            List<String> changed = TableChecksums.changed(s0, s1);
                            if (!changed.isEmpty()) {
                                failures.add(again.attack().method() + " " + abbreviate(again.attack().target()) + " [" + again.attack().label()
                                        + "] was refused (" + again.status() + ") but changed " + changed);
                            }
                        }
                    }
                    after = sums.snapshot();
                }
                before = after;
            }
            // request lines the gateway must refuse itself, for every operation's path
            for (Operation op : ops) {
                for (String raw : List.of(target(op, Map.of()) + (op.path().contains("?") ? "&" : "?") + "q=a|b",
                        target(op, Map.of()) + "?x={\"a\":1}")) {
                    var answer = org.plugin.e2e.Raw.send(gateway, "GET " + raw + " HTTP/1.1\r\nHost: " + gateway.getHost() + ":"
                            + gateway.getPort() + "\r\nConnection: close\r\n\r\n");
                    Attack a = new Attack(op, "unencoded characters in the query", all.get(0), "GET", raw, null, null, Map.of());
                    check(count(new Outcome(a, answer.status(), answer.header("Content-Type") == null ? "" : answer.header("Content-Type"), answer.body())));
                    checkedRejected++;
                    if (answer.status() != 400) {
                        failures.add("GET " + raw + ": unencoded characters answered " + answer.status() + ", not 400");
                    }
                }
            }
            Map<String, String> end = sums.snapshot();
            List<String> changed = TableChecksums.changed(before, end);
            if (!changed.isEmpty()) {
                failures.add("refused request lines changed " + changed);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("Hostile-input suite: %d requests (1xx %d, 2xx %d, 3xx %d, 4xx %d, 5xx %d, no answer %d) in %.1f s; %d refused requests"
                + " checked against table checksums; %d operations; seed %d%n", requests, byClass[1], byClass[2], byClass[3], byClass[4], byClass[5],
                byClass[0], took.toMillis() / 1000.0, checkedRejected, ops.size(), SEED);
        assertThat(failures).as("hostile-input failures (%d, the first 300 listed)", total).isEmpty();
        assertThat(requests).isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(took).as("the suite's time budget").isLessThan(BUDGET);
    }
}
