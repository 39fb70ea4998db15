package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.plugin.atom.support.Fixtures.unique;

import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.atom.support.Db;
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
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class ChainResourceTest {

    static final String FIREWALL_POINTS = """
            [{"name":"in","protocol":"HTTP","direction":"IN"},{"name":"out","protocol":"HTTP","direction":"OUT"},
             {"name":"mgmt","protocol":"SSH","direction":"BIDIRECTIONAL"}]""";
    static final String GTP_POINTS = """
            [{"name":"in","protocol":"GTP-U","direction":"IN"},{"name":"out","protocol":"GTP-U","direction":"OUT"}]""";

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    /** Two published Atoms with HTTP in/out points, and one with GTP-U points, owned by alice. */
    record Catalog(Contributor alice, String fw, String lb, String gtp) {
    }

    Catalog catalog() {
        var alice = Peers.contributor(peers, "alice");
        var c = new Catalog(alice, unique("fw"), unique("lb"), unique("gtp"));
        Fixtures.publish(alice, c.fw(), "1.0.0", FIREWALL_POINTS);
        Fixtures.publish(alice, c.lb(), "2.0.0", FIREWALL_POINTS);
        Fixtures.publish(alice, c.gtp(), "1.0.0", GTP_POINTS);
        return c;
    }

    static String node(String key, String atom, String version) {
        return "{\"key\":\"%s\",\"atom\":\"%s\",\"version\":\"%s\"}".formatted(key, atom, version);
    }

    static String link(String from, String fromPoint, String to, String toPoint) {
        return "{\"from\":{\"node\":\"%s\",\"point\":\"%s\"},\"to\":{\"node\":\"%s\",\"point\":\"%s\"}}".formatted(from, fromPoint, to, toPoint);
    }

    static String chain(String name, List<String> nodes, List<String> links) {
        return "{\"name\":\"%s\",\"description\":\"test chain\",\"nodes\":[%s],\"links\":[%s]}".formatted(name, String.join(",", nodes),
                String.join(",", links));
    }

    ValidatableResponse create(Contributor who, String body) {
        return given().auth().oauth2(TestTokens.user(who.subject())).contentType(ContentType.JSON).body(body).post("/api/chains").then();
    }

    long chains(String name) {
        return Db.count(ds, "SELECT count(*) FROM chain WHERE name = ?", name);
    }

    /** A refused chain: 400, nothing stored, and this code among the errors with a detail containing {@code words}. */
    void refused(Contributor who, String name, String body, String code, String words) {
        create(who, body).statusCode(400).contentType("application/problem+json").body("errors.code", hasItem(code))
                .body("errors.find { it.code == '" + code + "' }.detail", containsString(words));
        assertThat(chains(name)).isZero();
    }

    @Nested
    class Contributors {
        @Test
        void createsAValidChainAndShowsIt() {
            var c = catalog();
            var bob = Peers.contributor(peers, "bob");
            String name = unique("chain");
            create(bob, chain(name, List.of(node("fw", c.fw(), "1.0.0"), node("lb", c.lb(), "2.0.0")), List.of(link("fw", "out", "lb", "in"))))
                    .statusCode(201).header("Location", endsWith("/api/chains/" + name)).body("intact", equalTo(true))
                    .body("owner.id", equalTo(bob.id().toString())).body("nodes.atom", equalTo(List.of(c.fw(), c.lb())))
                    .body("links[0].protocol", equalTo("HTTP"));
            given().auth().oauth2(TestTokens.user("reader")).get("/api/chains?atom=" + c.fw()).then().statusCode(200)
                    .body("items.name", equalTo(List.of(name))).body("items[0].nodes", equalTo(2));
        }

        @Test
        void bidirectionalPointsLinkEitherWay() {
            var c = catalog();
            String name = unique("bidi");
            create(c.alice(), chain(name, List.of(node("a", c.fw(), "1.0.0"), node("b", c.lb(), "2.0.0")), List.of(link("a", "mgmt", "b", "mgmt"))))
                    .statusCode(201);
        }

        @Test
        void unknownVersionIsRefused() {
            var c = catalog();
            String name = unique("c1");
            refused(c.alice(), name, chain(name, List.of(node("fw", c.fw(), "9.9.9")), List.of()), "UNKNOWN_VERSION", "has no version 9.9.9");
        }

        @Test
        void unknownAtomIsRefused() {
            var c = catalog();
            String name = unique("c2");
            refused(c.alice(), name, chain(name, List.of(node("x", "no-such-atom", "1.0.0")), List.of()), "UNKNOWN_ATOM", "no-such-atom");
        }

        @Test
        void draftOrDeprecatedVersionsAreRefused() {
            var c = catalog();
            String token = TestTokens.user(c.alice().subject());
            String draft = Fixtures.version("d", 'a', FIREWALL_POINTS).replace("\"releaseNotes\"", "\"state\":\"DRAFT\",\"releaseNotes\"");
            Fixtures.put(token, c.fw(), "1.1.0-beta", draft).then().statusCode(201);
            given().auth().oauth2(token).post("/api/atoms/" + c.lb() + "/versions/2.0.0/deprecation").then().statusCode(200);
            String name = unique("c3");
            refused(c.alice(), name, chain(name, List.of(node("fw", c.fw(), "1.1.0-beta")), List.of()), "VERSION_NOT_PUBLISHED", "DRAFT");
            refused(c.alice(), name, chain(name, List.of(node("lb", c.lb(), "2.0.0")), List.of()), "VERSION_NOT_PUBLISHED", "DEPRECATED");
        }

        @Test
        void unknownNodeInALinkIsRefused() {
            var c = catalog();
            String name = unique("c4");
            refused(c.alice(), name, chain(name, List.of(node("fw", c.fw(), "1.0.0")), List.of(link("fw", "out", "ghost", "in"))), "UNKNOWN_NODE",
                    "'ghost' is not a node");
        }

        @Test
        void unknownConnectionPointIsRefused() {
            var c = catalog();
            String name = unique("c5");
            refused(c.alice(), name, chain(name, List.of(node("fw", c.fw(), "1.0.0"), node("lb", c.lb(), "2.0.0")),
                    List.of(link("fw", "uplink", "lb", "in"))), "UNKNOWN_CONNECTION_POINT", "no connection point 'uplink'");
        }

        @Test
        void protocolMismatchIsRefused() {
            var c = catalog();
            String name = unique("c6");
            refused(c.alice(), name, chain(name, List.of(node("fw", c.fw(), "1.0.0"), node("gtp", c.gtp(), "1.0.0")),
                    List.of(link("fw", "out", "gtp", "in"))), "PROTOCOL_MISMATCH", "HTTP");
        }

        @Test
        void wrongDirectionIsRefused() {
            var c = catalog();
            String name = unique("c7");
            refused(c.alice(), name, chain(name, List.of(node("fw", c.fw(), "1.0.0"), node("lb", c.lb(), "2.0.0")),
                    List.of(link("fw", "in", "lb", "out"))), "DIRECTION_MISMATCH", "input (IN)");
        }

        @Test
        void cycleIsRefused() {
            var c = catalog();
            String name = unique("c8");
            refused(c.alice(), name, chain(name, List.of(node("a", c.fw(), "1.0.0"), node("b", c.lb(), "2.0.0")),
                    List.of(link("a", "out", "b", "in"), link("b", "out", "a", "in"))), "CYCLE", "a -> b -> a");
            refused(c.alice(), name, chain(name, List.of(node("a", c.fw(), "1.0.0")), List.of(link("a", "out", "a", "in"))), "CYCLE", "a -> a");
        }

        @Test
        void duplicatesAreRefused() {
            var c = catalog();
            String name = unique("c9");
            refused(c.alice(), name, chain(name, List.of(node("a", c.fw(), "1.0.0"), node("a", c.lb(), "2.0.0")), List.of()), "DUPLICATE_NODE",
                    "'a' is used twice");
            refused(c.alice(), name, chain(name, List.of(node("a", c.fw(), "1.0.0"), node("b", c.lb(), "2.0.0")),
                    List.of(link("a", "out", "b", "in"), link("a", "out", "b", "in"))), "DUPLICATE_LINK", "listed twice");
        }

        @Test
        void everyFailureIsListed() {
            var c = catalog();
            String name = unique("c10");
            create(c.alice(), chain(name, List.of(node("a", c.fw(), "1.0.0"), node("b", "nope-atom", "1.0.0"), node("g", c.gtp(), "1.0.0")),
                    List.of(link("a", "out", "g", "in"), link("a", "out", "zz", "in")))).statusCode(400)
                    .body("errors", hasSize(3)).body("errors.code", equalTo(List.of("UNKNOWN_ATOM", "PROTOCOL_MISMATCH", "UNKNOWN_NODE")))
                    .body("detail", containsString("3 problems"));
        }

        @Test
        void takenNameIs409() {
            var c = catalog();
            String name = unique("taken");
            create(c.alice(), chain(name, List.of(node("a", c.fw(), "1.0.0")), List.of())).statusCode(201);
            create(c.alice(), chain(name, List.of(node("a", c.fw(), "1.0.0")), List.of())).statusCode(409);
        }

        @Test
        void hostileInputIsRefused() {
            var c = catalog();
            String name = unique("hostile");
            create(c.alice(), chain(name, List.of(node("a", c.fw(), "1.0.0")), List.of()).replace("test chain", "<img src=x onerror=alert(1)>"))
                    .statusCode(400).body("violations.field", hasItem("description"));
            create(c.alice(), chain(name, List.of(node("A B", c.fw(), "1.0.0")), List.of())).statusCode(400);
            create(c.alice(), "{\"name\":\"" + name + "\",\"nodes\":[]}").statusCode(400);
            create(c.alice(), "{\"name\":\"" + name + "\",\"nodes\":{}}").statusCode(400).contentType("application/problem+json");
            assertThat(chains(name)).isZero();
        }
    }

    @Nested
    class Removal {
        @Test
        void anAtomUsedByAnotherOwnersChainBecomesATombstone() {
            var c = catalog();
            var bob = Peers.contributor(peers, "bob");
            String name = unique("uses");
            create(bob, chain(name, List.of(node("fw", c.fw(), "1.0.0"), node("lb", c.lb(), "2.0.0")), List.of(link("fw", "out", "lb", "in"))))
                    .statusCode(201);
            given().auth().oauth2(TestTokens.user(c.alice().subject())).delete("/api/atoms/" + c.fw()).then().statusCode(200)
                    .body("outcome", equalTo("TOMBSTONED")).body("chainsUsingIt", equalTo(1));
            String reader = TestTokens.user("reader");
            given().auth().oauth2(reader).get("/api/chains/" + name).then().statusCode(200).body("intact", equalTo(false))
                    .body("nodes.find { it.key == 'fw' }.removed", equalTo(true))
                    .body("nodes.find { it.key == 'fw' }.atomLifecycle", equalTo("REMOVED"))
                    .body("nodes.find { it.key == 'lb' }.removed", equalTo(false));
            given().auth().oauth2(reader).get("/api/atoms?q=" + c.fw()).then().body("items.name", org.hamcrest.Matchers.not(hasItem(c.fw())));
            given().auth().oauth2(reader).get("/api/atoms/" + c.fw()).then().statusCode(200).body("lifecycle", equalTo("REMOVED"));
            // a removed Atom takes no new versions, no new chains, no second removal
            Fixtures.put(TestTokens.user(c.alice().subject()), c.fw(), "1.0.1", Fixtures.version("d", 'a', "[]")).then().statusCode(409);
            String other = unique("later");
            refused(bob, other, chain(other, List.of(node("fw", c.fw(), "1.0.0")), List.of()), "UNKNOWN_ATOM", "removed");
            given().auth().oauth2(TestTokens.user(c.alice().subject())).delete("/api/atoms/" + c.fw()).then().statusCode(404);
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + c.fw() + "/ledger").then()
                    .body("items.event", hasItem("ATOM_TOMBSTONED"));

            // once no chain uses the tombstone, it goes
            given().auth().oauth2(TestTokens.user(bob.subject())).delete("/api/chains/" + name).then().statusCode(204);
            assertThat(Db.count(ds, "SELECT count(*) FROM atom WHERE name = ?", c.fw())).isZero();
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + c.fw() + "/ledger").then()
                    .body("items.event", hasItem("ATOM_PURGED"));
        }

        @Test
        void onlyTheOwnerOrAnAdminDeletesAChain() {
            var c = catalog();
            var bob = Peers.contributor(peers, "bob");
            String name = unique("mine");
            create(c.alice(), chain(name, List.of(node("a", c.fw(), "1.0.0")), List.of())).statusCode(201);
            given().auth().oauth2(TestTokens.user(bob.subject())).delete("/api/chains/" + name).then().statusCode(403);
            given().auth().oauth2(TestTokens.admin("sub-admin")).delete("/api/chains/" + name).then().statusCode(204);
            assertThat(chains(name)).isZero();
        }
    }

    @Nested
    class ErasedOwners {
        /** Regression: one erased chain owner on a page made GET /api/chains a 500 for every user. */
        @Test
        void chainsOfAnErasedOwnerAreListedWithoutOwner() {
            var c = catalog();
            var bob = Peers.contributor(peers, "bob");
            String erased = unique("erased-owner");
            String kept = unique("kept-owner");
            create(bob, chain(erased, List.of(node("a", c.fw(), "1.0.0")), List.of())).statusCode(201);
            create(c.alice(), chain(kept, List.of(node("a", c.fw(), "1.0.0")), List.of())).statusCode(201);
            given().auth().oauth2(TestTokens.service("privacy-service")).post("/internal/atoms/contributors/" + bob.id() + "/erasure")
                    .then().statusCode(200);
            assertThat(Db.count(ds, "SELECT count(*) FROM chain WHERE name = ? AND owner_id IS NULL", erased)).isOne();

            String reader = TestTokens.user("reader");
            // the newest first: both chains are on the first page, the erased owner's among others
            given().auth().oauth2(reader).get("/api/chains?atom=" + c.fw()).then().statusCode(200)
                    .body("items.name", equalTo(List.of(kept, erased)))
                    .body("items.find { it.name == '" + erased + "' }.owner", org.hamcrest.Matchers.nullValue())
                    .body("items.find { it.name == '" + kept + "' }.owner.id", equalTo(c.alice().id().toString()));
            given().auth().oauth2(reader).get("/api/chains").then().statusCode(200);
            given().auth().oauth2(reader).get("/api/chains/" + erased).then().statusCode(200).body("owner", org.hamcrest.Matchers.nullValue());
        }
    }

    @Nested
    class OtherPersonas {
        @Test
        void anonymousCiServiceAndNonContributors() {
            var c = catalog();
            String name = unique("persona");
            String body = chain(name, List.of(node("a", c.fw(), "1.0.0")), List.of());
            given().contentType(ContentType.JSON).body(body).post("/api/chains").then().statusCode(401);
            given().auth().oauth2(TestTokens.ci("ci-alice", c.alice().accountName())).contentType(ContentType.JSON).body(body).post("/api/chains")
                    .then().statusCode(403);
            given().auth().oauth2(TestTokens.service("privacy-service")).get("/api/chains").then().statusCode(403);
            given().auth().oauth2(TestTokens.user("sub-" + unique("nobody"))).contentType(ContentType.JSON).body(body).post("/api/chains")
                    .then().statusCode(403).body("detail", containsString("not a registered contributor"));
            given().auth().oauth2(TestTokens.user("reader")).get("/api/chains/" + unique("none")).then().statusCode(404);
            assertThat(chains(name)).isZero();
        }
    }
}
