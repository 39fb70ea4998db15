package org.plugin.atom.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.plugin.atom.support.Fixtures.atomFields;
import static org.plugin.atom.support.Fixtures.unique;

import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.atom.support.Db;
import org.plugin.atom.support.Fixtures;
import org.plugin.atom.support.Peers;
import org.plugin.atom.support.Peers.Names;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class AtomResourceTest {

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    static String create(String name, String description) {
        return atomFields(description).replaceFirst("\\{", "{\"name\":\"" + name + "\",");
    }

    void createAs(String token, String name, String description) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(create(name, description)).post("/api/atoms").then().statusCode(201);
    }

    @Nested
    class Anonymous {
        @Test
        void everythingNeedsAToken() {
            given().get("/api/atoms").then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
            given().get("/api/atoms/some-atom").then().statusCode(401);
            given().contentType(ContentType.JSON).body(create("anon-x", "d")).post("/api/atoms").then().statusCode(401);
            given().delete("/api/atoms/some-atom").then().statusCode(401);
        }

        @Test
        void expiredOrForeignTokensAreRejected() {
            String expired = TestTokens.token().subject("late").roles("user").expiresAt(java.time.Instant.now().minusSeconds(60)).sign();
            given().auth().oauth2(expired).get("/api/atoms").then().statusCode(401).contentType("application/problem+json");
            String foreign = TestTokens.token().subject("x").roles("user").audience("another-api").sign();
            given().auth().oauth2(foreign).get("/api/atoms").then().statusCode(401);
        }
    }

    @Nested
    class Service {
        @Test
        void serviceTokensAreNotCatalogUsers() {
            given().auth().oauth2(TestTokens.service("privacy-service")).get("/api/atoms").then().statusCode(403)
                    .contentType("application/problem+json");
            given().auth().oauth2(TestTokens.service("privacy-service")).contentType(ContentType.JSON).body(create(unique("svc"), "d"))
                    .post("/api/atoms").then().statusCode(403);
        }

        @Test
        void noRoleIsForbidden() {
            given().auth().oauth2(TestTokens.token().subject("no-role").sign()).get("/api/atoms").then().statusCode(403);
        }
    }

    @Nested
    class OrdinaryUser {
        @Test
        void cannotCreateWithoutBeingAContributor() {
            Peers.defaults(peers);
            String name = unique("plain");
            given().auth().oauth2(TestTokens.user("sub-" + unique("plain"))).contentType(ContentType.JSON).body(create(name, "d"))
                    .post("/api/atoms").then().statusCode(403).body("detail", containsString("not a registered contributor"));
            assertThat(Db.count(ds, "SELECT count(*) FROM atom WHERE name = ?", name)).isZero();
        }

        @Test
        void unknownAtomIs404() {
            given().auth().oauth2(TestTokens.user("u")).get("/api/atoms/" + unique("missing")).then().statusCode(404)
                    .contentType("application/problem+json");
        }

        @Test
        void invalidFiltersAreProblems() {
            String token = TestTokens.user("u");
            given().auth().oauth2(token).get("/api/atoms?kind=MAINFRAME").then().statusCode(400).body("detail", containsString("kind"));
            given().auth().oauth2(token).get("/api/atoms?sort=random").then().statusCode(400);
            given().auth().oauth2(token).get("/api/atoms?lifecycle=removed").then().statusCode(400).body("detail", containsString("not searchable"));
            given().auth().oauth2(token).get("/api/atoms?limit=1000").then().statusCode(400);
            given().auth().oauth2(token).get("/api/atoms?q=" + "x".repeat(201)).then().statusCode(400);
            given().auth().oauth2(token).get("/api/atoms?q=<script>").then().statusCode(400);
            given().auth().oauth2(token).get("/api/atoms?sort=relevance").then().statusCode(400);
        }

        @Test
        void hostileSearchTextIsJustText() {
            given().auth().oauth2(TestTokens.user("u")).queryParam("q", "'; DROP TABLE atom; -- & | ! (").get("/api/atoms").then()
                    .statusCode(200);
            assertThat(Db.count(ds, "SELECT count(*) FROM pg_tables WHERE tablename = 'atom'")).isEqualTo(1);
        }
    }

    @Nested
    class Owner {
        @Test
        void createsUpdatesAndDeprecates() {
            var alice = Peers.contributor(peers, "alice");
            String token = TestTokens.user(alice.subject());
            String name = unique("owned");
            given().auth().oauth2(token).contentType(ContentType.JSON).body(create(name, "Packets **fast**")).post("/api/atoms").then()
                    .statusCode(201).header("Location", endsWith("/api/atoms/" + name)).body("owner.id", equalTo(alice.id().toString()))
                    .body("lifecycle", equalTo("ACTIVE")).body("rating.count", equalTo(0));
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"summary\":\"New summary\",\"tags\":[\"b\",\"a\",\"a\"]}")
                    .patch("/api/atoms/" + name).then().statusCode(200).body("summary", equalTo("New summary"))
                    .body("tags", equalTo(List.of("a", "b"))).body("displayName", equalTo("Fast Router"));
            given().auth().oauth2(token).post("/api/atoms/" + name + "/deprecation").then().statusCode(200).body("lifecycle", equalTo("DEPRECATED"));
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name + "/ledger").then()
                    .body("items.event", equalTo(List.of("ATOM_CREATED", "ATOM_UPDATED", "ATOM_DEPRECATED")));
        }

        @Test
        void nameTakenIs409() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("taken");
            createAs(TestTokens.user(alice.subject()), name, "d");
            given().auth().oauth2(TestTokens.user(alice.subject())).contentType(ContentType.JSON).body(create(name, "other")).post("/api/atoms")
                    .then().statusCode(409).body("detail", containsString("taken"));
        }

        @Test
        void concurrentCreationsOfOneNameGiveOneAtomAndConflicts() throws Exception {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("race");
            String token = TestTokens.user(alice.subject());
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                var calls = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
                for (int i = 0; i < 4; i++) {
                    calls.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(create(name, "d"))
                            .post("/api/atoms").then().extract().statusCode()));
                }
                List<Integer> statuses = new java.util.ArrayList<>();
                for (var c : calls) {
                    statuses.add(c.get());
                }
                assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
            } finally {
                pool.shutdown();
            }
        }
    }

    @Nested
    class OtherContributor {
        @Test
        void cannotChangeDeprecateOrRemoveSomeoneElsesAtom() {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            String name = unique("alices");
            createAs(TestTokens.user(alice.subject()), name, "d");
            String bobToken = TestTokens.user(bob.subject());
            given().auth().oauth2(bobToken).contentType(ContentType.JSON).body("{\"summary\":\"hijacked\"}").patch("/api/atoms/" + name)
                    .then().statusCode(403).body("detail", containsString("owner"));
            given().auth().oauth2(bobToken).post("/api/atoms/" + name + "/deprecation").then().statusCode(403);
            given().auth().oauth2(bobToken).delete("/api/atoms/" + name).then().statusCode(403);
            given().auth().oauth2(TestTokens.ci("ci-bob", bob.accountName())).delete("/api/atoms/" + name).then().statusCode(403);
            given().auth().oauth2(bobToken).get("/api/atoms/" + name).then().statusCode(200).body("summary", not(equalTo("hijacked")))
                    .body("lifecycle", equalTo("ACTIVE"));
        }

        @Test
        void onlyAdminsChangeOwners() {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            String name = unique("handover");
            createAs(TestTokens.user(alice.subject()), name, "d");
            given().auth().oauth2(TestTokens.user(alice.subject())).contentType(ContentType.JSON)
                    .body("{\"accountName\":\"" + bob.accountName() + "\"}").put("/api/atoms/" + name + "/owner").then().statusCode(403);
        }
    }

    @Nested
    class CiForTheOwner {
        @Test
        void createsAndRemovesForTheOwner() {
            var alice = Peers.contributor(peers, "alice");
            String ci = TestTokens.ci("ci-alice", alice.accountName());
            String name = unique("by-ci");
            createAs(ci, name, "d");
            given().auth().oauth2(ci).get("/api/atoms/" + name).then().statusCode(200).body("owner.id", equalTo(alice.id().toString()));
            given().auth().oauth2(ci).delete("/api/atoms/" + name).then().statusCode(200).body("outcome", equalTo("REMOVED"));
            given().auth().oauth2(ci).get("/api/atoms/" + name).then().statusCode(404);
        }
    }

    @Nested
    class Admin {
        @Test
        void changesOwnerDeprecatesAndRemoves() {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            String name = unique("admined");
            createAs(TestTokens.user(alice.subject()), name, "d");
            String admin = TestTokens.admin("sub-admin");
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"accountName\":\"" + bob.accountName() + "\"}")
                    .put("/api/atoms/" + name + "/owner").then().statusCode(200).body("owner.id", equalTo(bob.id().toString()));
            given().auth().oauth2(admin).post("/api/atoms/" + name + "/deprecation").then().statusCode(200);
            given().auth().oauth2(admin).get("/api/atoms/" + name + "/ledger").then()
                    .body("items.event", equalTo(List.of("ATOM_CREATED", "OWNERSHIP_CHANGED", "ATOM_DEPRECATED")))
                    .body("items[1].actor.kind", equalTo("ADMIN")).body("items[1].actor.adminSubject", equalTo("sub-admin"));
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name + "/ledger").then()
                    .body("items[1].actor.adminSubject", nullValue());
            given().auth().oauth2(admin).delete("/api/atoms/" + name).then().statusCode(200);
            assertThat(Db.count(ds, "SELECT count(*) FROM atom WHERE name = ?", name)).isZero();
            given().auth().oauth2(admin).get("/api/atoms/" + name + "/ledger").then().statusCode(200)
                    .body("items.event", hasItem("ATOM_REMOVED"));
        }

        @Test
        void ownerChangeToAnUnknownAccountIsRefused() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("nohand");
            createAs(TestTokens.user(alice.subject()), name, "d");
            // the detail never repeats the account name asked (problem details are logged)
            given().auth().oauth2(TestTokens.admin("sub-admin")).contentType(ContentType.JSON).body("{\"accountName\":\"nobody-here\"}")
                    .put("/api/atoms/" + name + "/owner").then().statusCode(400)
                    .body("detail", equalTo("No contributor is registered with this account name"));
            var gone = Peers.contributor(peers, "gone-owner", "DEACTIVATED");
            given().auth().oauth2(TestTokens.admin("sub-admin")).contentType(ContentType.JSON).body("{\"accountName\":\"" + gone.accountName() + "\"}")
                    .put("/api/atoms/" + name + "/owner").then().statusCode(409)
                    .body("detail", equalTo("This contributor is DEACTIVATED; only an ACTIVE contributor can own an Atom"));
        }
    }

    @Nested
    class SearchAndNames {
        @Test
        void findsByAWordOfTheDescriptionRankedAndWithNamesInOneCall() {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            String word = "zebrafish" + unique("w").substring(2).replace("-", "");
            String strong = unique("strong");
            String weak = unique("weak");
            // the word in the display name ranks above the word deep in the description
            given().auth().oauth2(TestTokens.user(alice.subject())).contentType(ContentType.JSON)
                    .body(create(strong, "d").replace("Fast Router", "Router " + word)).post("/api/atoms").then().statusCode(201);
            createAs(TestTokens.user(bob.subject()), weak, "A long text that mentions " + word + " once.");
            Peers.names(peers, List.of(new Names(alice.id(), alice.accountName(), "Alice", "Liddell"),
                    new Names(bob.id(), bob.accountName(), "Bob", "Morane")));
            peers.resetRequests();

            given().auth().oauth2(TestTokens.user("reader")).queryParam("q", word).get("/api/atoms").then().statusCode(200)
                    .body("total", equalTo(2)).body("items.name", equalTo(List.of(strong, weak)))
                    .body("items[0].owner.firstName", equalTo("Alice")).body("items[1].owner.lastName", equalTo("Morane"))
                    .body("items[0].owner", not(hasKey("email"))).body("items[0].rank", notNullValue());
            peers.verify(1, postRequestedFor(urlPathEqualTo(Peers.NAMES)));
            peers.verify(1, postRequestedFor(urlPathEqualTo(Peers.NAMES)).withRequestBody(containing(alice.id().toString()))
                    .withRequestBody(containing(bob.id().toString())));
        }

        /** A description long enough that its row passes 2 kB: its hit is found, counted and ranked as a short one's. */
        @Test
        void aWordDeepInALongDescriptionRanksBelowTheNameHit() {
            var alice = Peers.contributor(peers, "alice");
            String token = TestTokens.user(alice.subject());
            String word = "quokka" + unique("w").substring(2).replace("-", "");
            String named = unique("named");
            String deep = unique("deep");
            StringBuilder text = new StringBuilder();
            for (int i = 0; text.length() < 3000; i++) {
                text.append("Sentence ").append(i).append(" routes packets of slice ").append(i * 7).append(" across the midhaul. ");
            }
            given().auth().oauth2(token).contentType(ContentType.JSON).body(create(named, "Nothing about it.").replace("Fast Router", "Router " + word))
                    .post("/api/atoms").then().statusCode(201);
            createAs(token, deep, text + "At the very end it mentions " + word + ".");

            given().auth().oauth2(TestTokens.user("reader")).queryParam("q", word).get("/api/atoms").then().statusCode(200)
                    .body("total", equalTo(2)).body("totalIsLowerBound", equalTo(false)).body("items.name", equalTo(List.of(named, deep)))
                    .body("items[0].rank", greaterThanOrEqualTo(1f)).body("items[1].rank", lessThan(1f));
        }

        /** The search vectors follow the text (V11 recomputes them only when it changes): new words found, old ones gone, others kept. */
        @Test
        void anEditedTextIsFoundByItsNewWordsOnlyAndOtherEditsKeepItFound() {
            var alice = Peers.contributor(peers, "alice");
            String token = TestTokens.user(alice.subject());
            String stamp = unique("w").substring(2).replace("-", "");
            String before = "wombat" + stamp;
            String after = "narwhal" + stamp;
            String tag = "tapir" + stamp;
            String name = unique("edited");
            createAs(token, name, "It mentions " + before + " once.");
            String reader = TestTokens.user("reader");
            given().auth().oauth2(reader).queryParam("q", before).get("/api/atoms").then().body("items.name", equalTo(List.of(name)));

            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"description\":\"It now mentions " + after + ".\"}")
                    .patch("/api/atoms/" + name).then().statusCode(200);
            given().auth().oauth2(reader).queryParam("q", after).get("/api/atoms").then().body("items.name", equalTo(List.of(name)));
            given().auth().oauth2(reader).queryParam("q", before).get("/api/atoms").then().body("total", equalTo(0));
            float rank = given().auth().oauth2(reader).queryParam("q", after).get("/api/atoms").then().extract().path("items[0].rank");

            // an edit of no searched text leaves the vectors, and the rank, as they were
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"kind\":\"COMPONENT\",\"license\":\"MIT\"}")
                    .patch("/api/atoms/" + name).then().statusCode(200);
            given().auth().oauth2(reader).queryParam("q", after).get("/api/atoms").then().body("items.name", equalTo(List.of(name)))
                    .body("items[0].rank", equalTo(rank));

            // a new tag is searched as the title's words are: it ranks above a description's word
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"tags\":[\"" + tag + "\"]}").patch("/api/atoms/" + name).then()
                    .statusCode(200);
            given().auth().oauth2(reader).queryParam("q", tag).get("/api/atoms").then().body("items.name", equalTo(List.of(name)))
                    .body("items[0].rank", greaterThanOrEqualTo(rank));
        }

        @Test
        void filtersSortsAndPages() {
            var alice = Peers.contributor(peers, "alice");
            String token = TestTokens.user(alice.subject());
            String tag = unique("t").replace("-", "");
            String a = unique("f-a");
            String b = unique("f-b");
            String c = unique("f-c");
            for (String n : List.of(a, b, c)) {
                given().auth().oauth2(token).contentType(ContentType.JSON).body(create(n, "d").replace("\"routing\"", "\"" + tag + "\""))
                        .post("/api/atoms").then().statusCode(201);
            }
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"kind\":\"COMPONENT\"}").patch("/api/atoms/" + b).then().statusCode(200);
            String reader = TestTokens.user("reader");
            given().auth().oauth2(reader).get("/api/atoms?tag=" + tag + "&limit=2").then().body("total", equalTo(3))
                    .body("items.name", equalTo(List.of(a, b))).body("nextOffset", equalTo(2));
            given().auth().oauth2(reader).get("/api/atoms?tag=" + tag + "&limit=2&offset=2").then().body("items.name", equalTo(List.of(c)))
                    .body("nextOffset", nullValue());
            given().auth().oauth2(reader).get("/api/atoms?tag=" + tag + "&kind=component").then().body("items.name", equalTo(List.of(b)));
            given().auth().oauth2(reader).get("/api/atoms?tag=" + tag + "&sort=newest").then().body("items.name", equalTo(List.of(c, b, a)));
            given().auth().oauth2(reader).get("/api/atoms?tag=" + tag + "&contributor=" + alice.id()).then().body("total", equalTo(3));
            given().auth().oauth2(reader).get("/api/atoms?tag=" + tag + "&contributor=" + alice.accountName()).then().body("total", equalTo(3));
            given().auth().oauth2(reader).get("/api/atoms?tag=" + tag + "&contributor=" + java.util.UUID.randomUUID()).then().body("total", equalTo(0));
            given().auth().oauth2(reader).get("/api/atoms?tag=" + tag + "&category=networking&lifecycle=active").then().body("total", equalTo(3));
            given().auth().oauth2(token).post("/api/atoms/" + c + "/deprecation").then().statusCode(200);
            given().auth().oauth2(reader).get("/api/atoms?tag=" + tag + "&lifecycle=deprecated").then().body("items.name", equalTo(List.of(c)));
            given().auth().oauth2(token).delete("/api/atoms/" + a).then().statusCode(200);
            given().auth().oauth2(reader).get("/api/atoms?tag=" + tag).then().body("items.name", equalTo(List.of(b, c)));
        }

        @Test
        void pagesWithoutNamesWhenContributorServiceIsDown() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("down");
            createAs(TestTokens.user(alice.subject()), name, "d");
            peers.stubFor(post(urlPathEqualTo(Peers.NAMES)).atPriority(1).withRequestBody(containing(alice.id().toString()))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name).then().statusCode(200)
                    .body("name", equalTo(name)).body("owner.id", equalTo(alice.id().toString())).body("owner.accountName", nullValue());
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms?contributor=" + alice.id()).then().statusCode(200)
                    .body("items[0].name", equalTo(name));
        }

        @Test
        void aRectifiedNameShowsWithinSeconds() throws Exception {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("rectify");
            createAs(TestTokens.user(alice.subject()), name, "d");
            Peers.names(peers, List.of(new Names(alice.id(), alice.accountName(), "Alice", "Old")));
            String reader = TestTokens.user("reader");
            given().auth().oauth2(reader).get("/api/atoms/" + name).then().body("owner.lastName", equalTo("Old"));
            Peers.names(peers, List.of(new Names(alice.id(), alice.accountName(), "Alice", "New")));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
            String last = null;
            while (System.nanoTime() < deadline && !"New".equals(last)) {
                Thread.sleep(200);
                last = given().auth().oauth2(reader).get("/api/atoms/" + name).then().extract().path("owner.lastName");
            }
            assertThat(last).isEqualTo("New");
        }

        @Test
        void detailShowsVersionsNewestFirstAndTheRatingSummary() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("detail");
            String token = TestTokens.user(alice.subject());
            for (String v : List.of("1.0.0", "1.10.0", "1.2.0", "2.0.0-rc.1")) {
                Fixtures.put(token, name, v, Fixtures.version("d", 'a', "[]")).then().statusCode(201);
            }
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name).then().statusCode(200)
                    .body("versions.version", equalTo(List.of("2.0.0-rc.1", "1.10.0", "1.2.0", "1.0.0")))
                    .body("latestVersion", equalTo("1.10.0")).body("rating.count", equalTo(0)).body("rating.distribution.5", equalTo(0));
        }

        @Test
        void detailShowsEachVersionsTimesAsTheVersionItselfDoes() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("times");
            String token = TestTokens.user(alice.subject());
            for (String v : List.of("1.0.0", "1.1.0")) {
                Fixtures.put(token, name, v, Fixtures.version("d", 'a', "[]")).then().statusCode(201);
            }
            given().auth().oauth2(token).post("/api/atoms/" + name + "/versions/1.0.0/deprecation").then().statusCode(200);
            String reader = TestTokens.user("reader");
            var detail = given().auth().oauth2(reader).get("/api/atoms/" + name).then().statusCode(200).extract().jsonPath();
            assertThat(detail.getList("versions.version", String.class)).containsExactly("1.1.0", "1.0.0");
            for (int i = 0; i < 2; i++) {
                String version = detail.getString("versions[" + i + "].version");
                var own = given().auth().oauth2(reader).get("/api/atoms/" + name + "/versions/" + version).then().statusCode(200).extract()
                        .jsonPath();
                for (String time : List.of("createdAt", "publishedAt", "deprecatedAt")) {
                    String shown = detail.getString("versions[" + i + "]." + time);
                    String expected = own.getString(time);
                    assertThat(shown == null ? null : java.time.Instant.parse(shown)).as(version + " " + time)
                            .isEqualTo(expected == null ? null : java.time.Instant.parse(expected));
                }
            }
            assertThat(detail.getString("versions[1].deprecatedAt")).isNotNull();
            assertThat(detail.getString("versions[0].deprecatedAt")).isNull();
            assertThat(detail.getString("versions[0].createdAt")).isNotNull();
        }
    }
}
