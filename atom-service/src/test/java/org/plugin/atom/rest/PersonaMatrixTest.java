package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.plugin.atom.support.Fixtures.unique;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.plugin.atom.support.Fixtures;
import org.plugin.atom.support.Peers;
import org.plugin.atom.support.Peers.Contributor;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint, as every persona of the issue: anonymous, a plain user (not a contributor), the
 * Atom's owner, another contributor, a CI token acting for the owner, a CI token acting for someone
 * else, an admin (not a contributor) and a service. Each case asserts the status, that refusals are
 * problem+json, and runs in its own copy of the world when it is allowed to change it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class PersonaMatrixTest {

    enum Persona {
        ANONYMOUS, USER, OWNER, OTHER_CONTRIBUTOR, CI_FOR_OWNER, CI_FOR_OTHER, ADMIN, SERVICE
    }

    @InjectPeers
    WireMockServer peers;

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** alice owns an Atom with a published version 1.0.0 and a chain using it; a plain user commented on the Atom. */
    record World(Contributor alice, Contributor bob, String plainSubject, String adminSubject, String word, String atom, String chain,
            String comment) {
    }

    private World shared;

    World world() {
        var alice = Peers.contributor(peers, "alice");
        var bob = Peers.contributor(peers, "bob");
        String word = "persona" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).replaceAll("[0-9]", "x");
        String atom = unique("persona");
        Fixtures.put(TestTokens.user(alice.subject()), atom, "1.0.0", Fixtures.version("Persona Atom with " + word, 'a', Fixtures.IN_OUT_HTTP))
                .then().statusCode(201);
        String chain = unique("persona-chain");
        given().auth().oauth2(TestTokens.user(alice.subject())).contentType(ContentType.JSON)
                .body("{\"name\":\"%s\",\"nodes\":[{\"key\":\"a\",\"atom\":\"%s\",\"version\":\"1.0.0\"}]}".formatted(chain, atom))
                .post("/api/chains").then().statusCode(201);
        String plain = "sub-" + unique("plain");
        String comment = given().auth().oauth2(TestTokens.user(plain)).contentType(ContentType.JSON).body("{\"body\":\"A comment\"}")
                .post("/api/atoms/" + atom + "/comments").then().statusCode(201).extract().path("id");
        return new World(alice, bob, plain, "sub-" + unique("admin"), word, atom, chain, comment);
    }

    World shared() {
        if (shared == null) {
            shared = world();
        }
        // other test classes may have stubbed the same paths since: make the world's contributors known again
        Peers.stub(peers, shared.alice(), "ACTIVE");
        Peers.stub(peers, shared.bob(), "ACTIVE");
        return shared;
    }

    static String token(Persona p, World w) {
        return switch (p) {
            case ANONYMOUS -> null;
            case USER -> TestTokens.user(w.plainSubject());
            case OWNER -> TestTokens.user(w.alice().subject());
            case OTHER_CONTRIBUTOR -> TestTokens.user(w.bob().subject());
            case CI_FOR_OWNER -> TestTokens.ci("ci-alice", w.alice().accountName());
            case CI_FOR_OTHER -> TestTokens.ci("ci-bob", w.bob().accountName());
            case ADMIN -> TestTokens.admin(w.adminSubject());
            case SERVICE -> TestTokens.service("privacy-service");
        };
    }

    /** One endpoint: the call, and the status each persona gets (in {@link Persona} order). */
    record Case(String name, BiFunction<RequestSpecification, World, Response> call, Map<Persona, Integer> expected) {
    }

    static Map<Persona, Integer> expect(int... statuses) {
        Map<Persona, Integer> map = new EnumMap<>(Persona.class);
        for (Persona p : Persona.values()) {
            map.put(p, statuses[p.ordinal()]);
        }
        return map;
    }

    static RequestSpecification json(RequestSpecification r, String body) {
        return r.contentType(ContentType.JSON).body(body);
    }

    static String newVersion() {
        return "3.0." + COUNTER.incrementAndGet();
    }

    static String newAtomBody() {
        return AtomResourceTest.create(unique("persona-new"), "Created by a persona");
    }

    static String newChainBody(World w) {
        return "{\"name\":\"%s\",\"nodes\":[{\"key\":\"a\",\"atom\":\"%s\",\"version\":\"1.0.0\"}]}".formatted(unique("persona-chain"), w.atom());
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        //                                                                         anon user owner other ciOwn ciOth admin service
        c.add(new Case("GET /api/atoms", (r, w) -> r.queryParam("q", w.word()).get("/api/atoms"), expect(401, 200, 200, 200, 200, 200, 200, 403)));
        c.add(new Case("POST /api/atoms", (r, w) -> json(r, newAtomBody()).post("/api/atoms"), expect(401, 403, 201, 201, 201, 201, 403, 403)));
        c.add(new Case("GET /api/atoms/{name}", (r, w) -> r.get("/api/atoms/" + w.atom()), expect(401, 200, 200, 200, 200, 200, 200, 403)));
        c.add(new Case("PATCH /api/atoms/{name}", (r, w) -> json(r, "{\"summary\":\"Changed\"}").patch("/api/atoms/" + w.atom()),
                expect(401, 403, 200, 403, 200, 403, 200, 403)));
        c.add(new Case("POST /api/atoms/{name}/deprecation", (r, w) -> r.post("/api/atoms/" + w.atom() + "/deprecation"),
                expect(401, 403, 200, 403, 200, 403, 200, 403)));
        c.add(new Case("PUT /api/atoms/{name}/owner", (r, w) -> json(r, "{\"accountName\":\"" + w.bob().accountName() + "\"}")
                .put("/api/atoms/" + w.atom() + "/owner"), expect(401, 403, 403, 403, 403, 403, 200, 403)));
        c.add(new Case("DELETE /api/atoms/{name}", (r, w) -> r.delete("/api/atoms/" + w.atom()), expect(401, 403, 200, 403, 200, 403, 200, 403)));
        c.add(new Case("GET /api/atoms/{name}/versions", (r, w) -> r.get("/api/atoms/" + w.atom() + "/versions"),
                expect(401, 200, 200, 200, 200, 200, 200, 403)));
        c.add(new Case("GET /api/atoms/{name}/versions/{version}", (r, w) -> r.get("/api/atoms/" + w.atom() + "/versions/1.0.0"),
                expect(401, 200, 200, 200, 200, 200, 200, 403)));
        c.add(new Case("PUT /api/atoms/{name}/versions/{version}", (r, w) -> json(r, Fixtures.version("v", 'c', "[]"))
                .put("/api/atoms/" + w.atom() + "/versions/" + newVersion()), expect(401, 403, 201, 403, 201, 403, 403, 403)));
        c.add(new Case("POST /api/atoms/{name}/versions/{version}/validation", (r, w) -> json(r, Fixtures.version("v", 'c', "[]"))
                .post("/api/atoms/" + w.atom() + "/versions/" + newVersion() + "/validation"), expect(401, 200, 200, 200, 200, 200, 200, 403)));
        c.add(new Case("POST /api/atoms/{name}/versions/{version}/deprecation",
                (r, w) -> r.post("/api/atoms/" + w.atom() + "/versions/1.0.0/deprecation"), expect(401, 403, 200, 403, 200, 403, 200, 403)));
        c.add(new Case("GET /api/atoms/{name}/ledger", (r, w) -> r.get("/api/atoms/" + w.atom() + "/ledger"),
                expect(401, 200, 200, 200, 200, 200, 200, 403)));
        c.add(new Case("GET /api/atoms/ledger", (r, w) -> r.get("/api/atoms/ledger"), expect(401, 403, 403, 403, 403, 403, 200, 403)));
        c.add(new Case("GET /api/atoms/ledger/verification", (r, w) -> r.get("/api/atoms/ledger/verification"),
                expect(401, 403, 403, 403, 403, 403, 200, 403)));
        c.add(new Case("PUT /api/atoms/{name}/ratings/mine", (r, w) -> json(r, "{\"stars\":4}").put("/api/atoms/" + w.atom() + "/ratings/mine"),
                expect(401, 201, 201, 201, 403, 403, 201, 403)));
        // nobody rated in a fresh world: allowed personas get past the role check to a 404
        c.add(new Case("GET /api/atoms/{name}/ratings/mine", (r, w) -> r.get("/api/atoms/" + w.atom() + "/ratings/mine"),
                expect(401, 404, 404, 404, 403, 403, 404, 403)));
        c.add(new Case("DELETE /api/atoms/{name}/ratings/mine", (r, w) -> r.delete("/api/atoms/" + w.atom() + "/ratings/mine"),
                expect(401, 404, 404, 404, 403, 403, 404, 403)));
        c.add(new Case("GET /api/atoms/{name}/comments", (r, w) -> r.get("/api/atoms/" + w.atom() + "/comments"),
                expect(401, 200, 200, 200, 403, 403, 200, 403)));
        c.add(new Case("POST /api/atoms/{name}/comments", (r, w) -> json(r, "{\"body\":\"Hello\"}").post("/api/atoms/" + w.atom() + "/comments"),
                expect(401, 201, 201, 201, 403, 403, 201, 403)));
        // the comment's author is the plain user; the Atom's owner is not its author
        c.add(new Case("DELETE /api/atoms/{name}/comments/{id}", (r, w) -> r.delete("/api/atoms/" + w.atom() + "/comments/" + w.comment()),
                expect(401, 204, 403, 403, 403, 403, 204, 403)));
        c.add(new Case("POST /api/chains", (r, w) -> json(r, newChainBody(w)).post("/api/chains"), expect(401, 403, 201, 201, 403, 403, 403, 403)));
        c.add(new Case("GET /api/chains", (r, w) -> r.get("/api/chains"), expect(401, 200, 200, 200, 403, 403, 200, 403)));
        c.add(new Case("GET /api/chains/{name}", (r, w) -> r.get("/api/chains/" + w.chain()), expect(401, 200, 200, 200, 403, 403, 200, 403)));
        c.add(new Case("DELETE /api/chains/{name}", (r, w) -> r.delete("/api/chains/" + w.chain()), expect(401, 403, 204, 403, 403, 403, 204, 403)));
        // subscriptions and notifications: a registered contributor (by user token, or CI for subscriptions); nobody follows in a fresh world
        c.add(new Case("PUT /api/atoms/{name}/subscription", (r, w) -> r.put("/api/atoms/" + w.atom() + "/subscription"),
                expect(401, 403, 201, 201, 201, 201, 403, 403)));
        c.add(new Case("GET /api/atoms/{name}/subscription", (r, w) -> r.get("/api/atoms/" + w.atom() + "/subscription"),
                expect(401, 403, 404, 404, 404, 404, 403, 403)));
        c.add(new Case("DELETE /api/atoms/{name}/subscription", (r, w) -> r.delete("/api/atoms/" + w.atom() + "/subscription"),
                expect(401, 403, 204, 204, 204, 204, 403, 403)));
        c.add(new Case("GET /api/notifications", (r, w) -> r.get("/api/notifications"), expect(401, 403, 200, 200, 403, 403, 403, 403)));
        c.add(new Case("PUT /api/notifications/read", (r, w) -> r.put("/api/notifications/read"), expect(401, 403, 200, 200, 403, 403, 403, 403)));
        c.add(new Case("PUT /api/notifications/{id}/read", (r, w) -> r.put("/api/notifications/" + UUID.randomUUID() + "/read"),
                expect(401, 403, 404, 404, 403, 403, 403, 403)));
        c.add(new Case("GET /internal/atoms/contributors/{id}/personal-data",
                (r, w) -> r.get("/internal/atoms/contributors/" + w.alice().id() + "/personal-data"), expect(401, 403, 403, 403, 403, 403, 403, 200)));
        c.add(new Case("PUT /internal/atoms/contributors/{id}/restriction", (r, w) -> json(r, "{\"restricted\":false}")
                .put("/internal/atoms/contributors/" + w.alice().id() + "/restriction"), expect(401, 403, 403, 403, 403, 403, 403, 200)));
        c.add(new Case("POST /internal/atoms/contributors/{id}/erasure",
                (r, w) -> r.post("/internal/atoms/contributors/" + UUID.randomUUID() + "/erasure"), expect(401, 403, 403, 403, 403, 403, 403, 200)));
        c.add(new Case("GET /internal/atoms/authors/personal-data",
                (r, w) -> r.queryParam("subject", "nobody-" + UUID.randomUUID()).get("/internal/atoms/authors/personal-data"),
                expect(401, 403, 403, 403, 403, 403, 403, 200)));
        c.add(new Case("POST /internal/atoms/authors/erasure", (r, w) -> json(r, "{\"subject\":\"nobody-" + UUID.randomUUID() + "\"}")
                .post("/internal/atoms/authors/erasure"), expect(401, 403, 403, 403, 403, 403, 403, 200)));
        return c;
    }

    /** Allowed calls of these change what the other personas would see: each runs in a world of its own. */
    static final java.util.Set<String> OWN_WORLD = java.util.Set.of("POST /api/atoms/{name}/deprecation", "PUT /api/atoms/{name}/owner",
            "DELETE /api/atoms/{name}", "POST /api/atoms/{name}/versions/{version}/deprecation", "PUT /api/atoms/{name}/ratings/mine",
            "GET /api/atoms/{name}/ratings/mine", "DELETE /api/atoms/{name}/ratings/mine", "DELETE /api/atoms/{name}/comments/{id}",
            "DELETE /api/chains/{name}", "PUT /api/atoms/{name}/subscription");

    @TestFactory
    Stream<DynamicTest> everyEndpointAsEveryPersona() {
        return cases().stream().flatMap(c -> Stream.of(Persona.values()).map(p -> dynamicTest(c.name() + " as " + p, () -> {
            int expected = c.expected().get(p);
            // an allowed write that changes what the others see runs in a world of its own
            World w = expected < 300 && OWN_WORLD.contains(c.name()) ? world() : shared();
            RequestSpecification request = given();
            String token = token(p, w);
            if (token != null) {
                request = request.auth().oauth2(token);
            }
            Response response = c.call().apply(request, w);
            assertThat(response.statusCode()).as("%s as %s: %s", c.name(), p, response.asString()).isEqualTo(expected);
            if (expected >= 400) {
                assertThat(response.contentType()).as("%s as %s", c.name(), p).startsWith("application/problem+json");
            }
        })));
    }
}
