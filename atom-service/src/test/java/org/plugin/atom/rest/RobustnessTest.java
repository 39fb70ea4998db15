package org.plugin.atom.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.plugin.atom.support.Fixtures.unique;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What must hold when peers fail, requests race, paths are hostile, or browsers call from other origins. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class RobustnessTest {

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    ExecutorService pool;

    @BeforeEach
    void pool() {
        pool = Executors.newFixedThreadPool(6);
    }

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    long atoms(String name) {
        return Db.count(ds, "SELECT count(*) FROM atom WHERE name = ?", name);
    }

    /** contributor-service resets the connection when asked who this subject is. */
    void unreachableFor(Contributor c) {
        peers.stubFor(get(urlPathEqualTo(Peers.RESOLVE)).atPriority(1).withQueryParam("subject", equalTo(c.subject()))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** contributor-service answers this subject after {@code millis}. */
    void slowFor(Contributor c, int millis) {
        String body = "{\"id\":\"%s\",\"accountName\":\"%s\",\"status\":\"ACTIVE\",\"restricted\":false}".formatted(c.id(), c.accountName());
        peers.stubFor(get(urlPathEqualTo(Peers.RESOLVE)).atPriority(1).withQueryParam("subject", equalTo(c.subject()))
                .willReturn(aResponse().withFixedDelay(millis).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Nested
    class ContributorServiceDown {
        @Test
        void writesAnswer503AndStoreNothing() {
            var alice = Peers.contributor(peers, "alice");
            unreachableFor(alice);
            String token = TestTokens.user(alice.subject());
            String name = unique("down");
            Fixtures.put(token, name, "1.0.0", Fixtures.version("d", 'a', "[]")).then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("nothing was changed"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(AtomResourceTest.create(name, "d")).post("/api/atoms").then()
                    .statusCode(503);
            assertThat(atoms(name)).isZero();
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"name\":\"" + name + "\",\"nodes\":[{\"key\":\"a\",\"atom\":\"x-x\",\"version\":\"1.0.0\"}]}").post("/api/chains")
                    .then().statusCode(503);
            assertThat(Db.count(ds, "SELECT count(*) FROM chain WHERE name = ?", name)).isZero();
        }

        @Test
        void aHungPeerCostsAtMostTheReadTimeout() {
            var alice = Peers.contributor(peers, "alice");
            slowFor(alice, 10_000);
            String name = unique("hung");
            long start = System.nanoTime();
            Fixtures.put(TestTokens.user(alice.subject()), name, "1.0.0", Fixtures.version("d", 'a', "[]")).then().statusCode(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
            assertThat(atoms(name)).isZero();
        }

        @Test
        void aSlowIdentityLookupHoldsNoLockOnTheAtom() throws Exception {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            String name = unique("unlocked");
            Fixtures.publish(alice, name, "1.0.0", "[]");
            slowFor(bob, 1_500);
            // bob (not the owner) asks first and waits for contributor-service; alice's change must not wait for him
            Future<Long> bobs = pool.submit(() -> finishedAt(() -> given().auth().oauth2(TestTokens.user(bob.subject())).contentType(ContentType.JSON)
                    .body("{\"summary\":\"bob's\"}").patch("/api/atoms/" + name).then().statusCode(403)));
            Thread.sleep(300);
            Future<Long> alices = pool.submit(() -> finishedAt(() -> given().auth().oauth2(TestTokens.user(alice.subject()))
                    .contentType(ContentType.JSON).body("{\"summary\":\"alice's\"}").patch("/api/atoms/" + name).then().statusCode(200)));
            assertThat(alices.get()).as("alice's change finished before bob's refusal").isLessThan(bobs.get());
        }
    }

    static long finishedAt(Runnable call) {
        call.run();
        return System.nanoTime();
    }

    /** Text that cannot name anything: 404 (or 400 when the URL itself cannot be decoded), never a 500. */
    static final org.hamcrest.Matcher<Integer> NOT_FOUND_OR_BAD = org.hamcrest.Matchers.oneOf(400, 404);

    static io.restassured.specification.RequestSpecification raw(String token) {
        return given().auth().oauth2(token).urlEncodingEnabled(false);
    }

    static void refused(io.restassured.response.Response response) {
        response.then().statusCode(NOT_FOUND_OR_BAD).contentType("application/problem+json");
    }

    @Nested
    class HostilePaths {
        @Test
        void namesAndVersionsThatCannotExistAreNotFoundNeverAnError() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("paths");
            Fixtures.publish(alice, name, "1.0.0", "[]");
            String owner = TestTokens.user(alice.subject());
            String reader = TestTokens.user("reader");
            for (String bad : List.of("a%00b", "%C3%28", "x".repeat(300), "A%20B", "%27%3B%20DROP%20TABLE%20atom%3B--")) {
                refused(raw(reader).get("/api/atoms/" + bad));
                refused(raw(reader).get("/api/atoms/" + bad + "/versions"));
                refused(raw(reader).get("/api/atoms/" + bad + "/ledger"));
                refused(raw(reader).get("/api/atoms/" + bad + "/comments"));
                refused(raw(reader).get("/api/chains/" + bad));
                refused(raw(owner).contentType(ContentType.JSON).body("{\"summary\":\"x\"}").patch("/api/atoms/" + bad));
                refused(raw(owner).delete("/api/atoms/" + bad));
                refused(raw(reader).get("/api/atoms/" + name + "/versions/" + bad));
                refused(raw(owner).post("/api/atoms/" + name + "/versions/" + bad + "/deprecation"));
            }
            given().auth().oauth2(reader).urlEncodingEnabled(false).get("/api/atoms/" + name + "/versions/1.0.0%00").then().statusCode(404);
            given().auth().oauth2(reader).get("/api/atoms/" + name).then().statusCode(200).body("removedAt", nullValue());
            assertThat(Db.count(ds, "SELECT count(*) FROM pg_tables WHERE tablename = 'atom'")).isEqualTo(1);
        }
    }

    @Nested
    class Races {
        <T> List<T> all(List<Callable<T>> calls) throws Exception {
            List<Future<T>> futures = new ArrayList<>();
            for (var c : calls) {
                futures.add(pool.submit(c));
            }
            List<T> results = new ArrayList<>();
            for (var f : futures) {
                results.add(f.get());
            }
            return results;
        }

        @Test
        void chainsCreatedWhileTheirAtomIsRemovedNeverFailNorDangle() throws Exception {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            for (int round = 0; round < 4; round++) {
                String atom = unique("raced");
                Fixtures.publish(alice, atom, "1.0.0", "[]");
                List<Callable<Integer>> calls = new ArrayList<>();
                List<String> chainNames = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String chain = unique("race-chain");
                    chainNames.add(chain);
                    calls.add(() -> given().auth().oauth2(TestTokens.user(bob.subject())).contentType(ContentType.JSON)
                            .body("{\"name\":\"%s\",\"nodes\":[{\"key\":\"a\",\"atom\":\"%s\",\"version\":\"1.0.0\"}]}".formatted(chain, atom))
                            .post("/api/chains").then().extract().statusCode());
                }
                calls.add(() -> given().auth().oauth2(TestTokens.user(alice.subject())).delete("/api/atoms/" + atom).then().extract().statusCode());
                List<Integer> statuses = all(calls);
                assertThat(statuses.subList(0, 4)).allMatch(s -> s == 201 || s == 400);
                assertThat(statuses.get(4)).isEqualTo(200);
                long chains = Db.count(ds, "SELECT count(*) FROM chain WHERE name = ANY(?)", (Object) chainNames.toArray(String[]::new));
                assertThat(chains).isEqualTo(statuses.subList(0, 4).stream().filter(s -> s == 201).count());
                // every stored chain still resolves its Atom: a tombstone when chains use it, gone otherwise
                String lifecycle = chains > 0 ? "REMOVED" : null;
                if (lifecycle != null) {
                    given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + atom).then().statusCode(200)
                            .body("lifecycle", org.hamcrest.Matchers.equalTo(lifecycle));
                } else {
                    assertThat(atoms(atom)).isZero();
                }
            }
        }

        @Test
        void ratingsAndCommentsRacingARemovalNeverFail() throws Exception {
            var alice = Peers.contributor(peers, "alice");
            for (int round = 0; round < 3; round++) {
                String atom = unique("rated-race");
                Fixtures.publish(alice, atom, "1.0.0", "[]");
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String token = TestTokens.user("sub-" + unique("rater"));
                    calls.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"stars\":5}")
                            .put("/api/atoms/" + atom + "/ratings/mine").then().extract().statusCode());
                    calls.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"body\":\"hi\"}")
                            .post("/api/atoms/" + atom + "/comments").then().extract().statusCode());
                }
                calls.add(() -> given().auth().oauth2(TestTokens.user(alice.subject())).delete("/api/atoms/" + atom).then().extract().statusCode());
                List<Integer> statuses = all(calls);
                assertThat(statuses.subList(0, 6)).allMatch(s -> s == 201 || s == 404);
                assertThat(statuses.get(6)).isEqualTo(200);
                assertThat(atoms(atom)).isZero();
            }
        }

        @Test
        void theSameNewVersionRegisteredAtOnceIsCreatedOnce() throws Exception {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("ci-race");
            String ci = TestTokens.ci("ci-alice", alice.accountName());
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> Fixtures.put(ci, name, "1.0.0", Fixtures.version("d", 'a', "[]")).then().extract()
                        .path("outcome") + "");
            }
            assertThat(all(calls)).containsOnly("CREATED", "UNCHANGED").containsOnlyOnce("CREATED");
            assertThat(atoms(name)).isEqualTo(1);
            assertThat(Db.count(ds, "SELECT count(*) FROM atom_version v JOIN atom a ON a.id = v.atom_id WHERE a.name = ?", name)).isEqualTo(1);
            assertThat(Db.count(ds, "SELECT count(*) FROM ledger_entry WHERE atom_name = ?", name)).isEqualTo(2);
        }

        @Test
        void aChainDeletedTwiceAtOnceIsDeletedOnce() throws Exception {
            var alice = Peers.contributor(peers, "alice");
            String atom = unique("twice");
            Fixtures.publish(alice, atom, "1.0.0", "[]");
            String chain = unique("twice-chain");
            String token = TestTokens.user(alice.subject());
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"name\":\"%s\",\"nodes\":[{\"key\":\"a\",\"atom\":\"%s\",\"version\":\"1.0.0\"}]}".formatted(chain, atom))
                    .post("/api/chains").then().statusCode(201);
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(() -> given().auth().oauth2(token).delete("/api/chains/" + chain).then().extract().statusCode());
            }
            assertThat(all(calls)).containsOnly(204, 404).containsOnlyOnce(204);
        }
    }

    @Nested
    class DatabaseLostAtCommit {
        /** The transaction manager's checked RollbackException, as @Transactional lets it out (test resource LostCommitResource). */
        @Test
        void aCommitThatLostItsConnectionIs503AndSaysTheChangeMayHaveBeenSaved() {
            given().post("/test/lost-commit").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("detail", containsString("may or may not have been saved"))
                    .body("detail", containsString("Idempotency-Key"));
            // the pool gave the lost connection up: the next request is served
            var alice = Peers.contributor(peers, "alice");
            given().auth().oauth2(TestTokens.user(alice.subject())).get("/api/atoms").then().statusCode(200);
        }
    }

    @Nested
    class Cors {
        @Test
        void theConfiguredFrontendOriginIsAllowedAndNoOther() {
            given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "authorization,content-type").options("/api/atoms/x/versions/1.0.0").then()
                    .header("Access-Control-Allow-Origin", "http://localhost:3000")
                    .header("Access-Control-Allow-Methods", containsString("PUT"));
            var other = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "DELETE")
                    .options("/api/atoms/x").then().extract();
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
            var simple = given().header("Origin", "https://evil.example").auth().oauth2(TestTokens.user("reader")).get("/api/atoms").then()
                    .extract();
            assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
        }
    }
}
