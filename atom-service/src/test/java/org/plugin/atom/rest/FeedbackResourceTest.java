package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
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

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class FeedbackResourceTest {

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    String atom() {
        var owner = Peers.contributor(peers, "owner");
        String name = unique("rated");
        Fixtures.publish(owner, name, "1.0.0", "[]");
        return name;
    }

    static void rate(String token, String atom, int stars, int status) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"stars\":" + stars + "}").put("/api/atoms/" + atom + "/ratings/mine")
                .then().statusCode(status);
    }

    @Nested
    class Ratings {
        @Test
        void oneRatingPerUserUpdatableAndSummarized() {
            String atom = atom();
            String u1 = TestTokens.user("sub-" + unique("r1"));
            String u2 = TestTokens.user("sub-" + unique("r2"));
            rate(u1, atom, 5, 201);
            rate(u1, atom, 4, 200);
            rate(u2, atom, 1, 201);
            given().auth().oauth2(u1).get("/api/atoms/" + atom + "/ratings/mine").then().statusCode(200).body("stars", equalTo(4));
            given().auth().oauth2(u1).get("/api/atoms/" + atom).then().body("rating.count", equalTo(2)).body("rating.average", equalTo(2.5f))
                    .body("rating.distribution.4", equalTo(1)).body("rating.distribution.1", equalTo(1)).body("rating.distribution.5", equalTo(0));
            given().auth().oauth2(u2).delete("/api/atoms/" + atom + "/ratings/mine").then().statusCode(204);
            given().auth().oauth2(u2).get("/api/atoms/" + atom + "/ratings/mine").then().statusCode(404);
            given().auth().oauth2(u1).get("/api/atoms/" + atom).then().body("rating.count", equalTo(1)).body("rating.average", equalTo(4.0f));
        }

        @Test
        void concurrentRatingsKeepTheSummaryExact() throws Exception {
            String atom = atom();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
                for (int i = 0; i < 12; i++) {
                    int stars = i % 5 + 1;
                    String token = TestTokens.user("sub-" + unique("c" + i));
                    futures.add(pool.submit(() -> rate(token, atom, stars, 201)));
                }
                for (var f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + atom).then().body("rating.count", equalTo(12))
                    .body("rating.distribution.1", equalTo(3)).body("rating.distribution.3", equalTo(2));
        }

        @Test
        void outOfRangeAndWrongTypesAreRefused() {
            String atom = atom();
            String u = TestTokens.user("sub-" + unique("bad"));
            rate(u, atom, 0, 400);
            rate(u, atom, 6, 400);
            given().auth().oauth2(u).contentType(ContentType.JSON).body("{\"stars\":\"five\"}").put("/api/atoms/" + atom + "/ratings/mine")
                    .then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(u).contentType(ContentType.JSON).body("{}").put("/api/atoms/" + atom + "/ratings/mine").then().statusCode(400);
            assertThat(Db.count(ds, "SELECT count(*) FROM rating r JOIN atom a ON a.id = r.atom_id WHERE a.name = ?", atom)).isZero();
        }

        @Test
        void personas() {
            String atom = atom();
            given().contentType(ContentType.JSON).body("{\"stars\":3}").put("/api/atoms/" + atom + "/ratings/mine").then().statusCode(401);
            given().auth().oauth2(TestTokens.ci("ci-x", "x")).contentType(ContentType.JSON).body("{\"stars\":3}")
                    .put("/api/atoms/" + atom + "/ratings/mine").then().statusCode(403);
            given().auth().oauth2(TestTokens.service("privacy-service")).contentType(ContentType.JSON).body("{\"stars\":3}")
                    .put("/api/atoms/" + atom + "/ratings/mine").then().statusCode(403);
            rate(TestTokens.admin("sub-" + unique("adm")), atom, 3, 201);
            rate(TestTokens.user("u"), unique("missing"), 3, 404);
        }
    }

    @Nested
    class Comments {
        @Test
        void authorsSeeTheirOwnDeleteThemAndContributorsAreNamed() {
            String atom = atom();
            var carol = Peers.contributor(peers, "carol");
            Peers.names(peers, List.of(new Names(carol.id(), carol.accountName(), "Carol", "Danvers")));
            String carolToken = TestTokens.user(carol.subject());
            String plain = TestTokens.user("sub-" + unique("plain"));
            String id = given().auth().oauth2(carolToken).contentType(ContentType.JSON).body("{\"body\":\"Works well.\\nThanks!\"}")
                    .post("/api/atoms/" + atom + "/comments").then().statusCode(201).body("author.firstName", equalTo("Carol"))
                    .body("mine", equalTo(true)).extract().path("id");
            given().auth().oauth2(plain).contentType(ContentType.JSON).body("{\"body\":\"Me too\"}").post("/api/atoms/" + atom + "/comments")
                    .then().statusCode(201).body("author", nullValue());
            given().auth().oauth2(plain).get("/api/atoms/" + atom + "/comments").then().statusCode(200).body("total", equalTo(2))
                    .body("items[0].body", equalTo("Me too")).body("items[0].mine", equalTo(true)).body("items[1].mine", equalTo(false))
                    .body("items[1].author.accountName", equalTo(carol.accountName()));
            given().auth().oauth2(plain).delete("/api/atoms/" + atom + "/comments/" + id).then().statusCode(403);
            given().auth().oauth2(carolToken).delete("/api/atoms/" + atom + "/comments/" + id).then().statusCode(204);
            given().auth().oauth2(plain).get("/api/atoms/" + atom + "/comments").then().body("total", equalTo(1));
        }

        @Test
        void adminsModerateAndTheLedgerSaysSo() {
            String atom = atom();
            String id = given().auth().oauth2(TestTokens.user("sub-" + unique("spam"))).contentType(ContentType.JSON)
                    .body("{\"body\":\"Buy cheap stuff\"}").post("/api/atoms/" + atom + "/comments").then().statusCode(201).extract().path("id");
            given().auth().oauth2(TestTokens.admin("sub-mod")).delete("/api/atoms/" + atom + "/comments/" + id + "?reason=spam").then()
                    .statusCode(204);
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + atom + "/comments").then().body("total", equalTo(0));
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + atom + "/ledger").then()
                    .body("items.event", hasItem("FEEDBACK_MODERATED")).body("items[-1].details", containsString("SPAM"));
        }

        @Test
        void boundedPlainTextOnly() {
            String atom = atom();
            String u = TestTokens.user("sub-" + unique("hostile"));
            for (String body : List.of("{\"body\":\"\"}", "{\"body\":\"" + "x".repeat(2001) + "\"}", "{\"body\":\"<script>alert(1)</script>\"}",
                    "{\"body\":\"bell\\u0007\"}", "{\"body\":42}", "{\"body\":\"x\",\"author\":\"someone\"}", "{\"body\":")) {
                given().auth().oauth2(u).contentType(ContentType.JSON).body(body).post("/api/atoms/" + atom + "/comments").then().statusCode(400)
                        .contentType("application/problem+json");
            }
            given().auth().oauth2(u).delete("/api/atoms/" + atom + "/comments/not-a-uuid").then().statusCode(400);
            given().auth().oauth2(TestTokens.admin("sub-mod")).delete("/api/atoms/" + atom + "/comments/" + java.util.UUID.randomUUID() + "?reason=bogus")
                    .then().statusCode(400);
            assertThat(Db.count(ds, "SELECT count(*) FROM feedback_comment c JOIN atom a ON a.id = c.atom_id WHERE a.name = ?", atom)).isZero();
        }

        @Test
        void pagesAreBoundedAndOrdered() {
            String atom = atom();
            String u = TestTokens.user("sub-" + unique("pager"));
            for (int i = 0; i < 3; i++) {
                given().auth().oauth2(u).contentType(ContentType.JSON).body("{\"body\":\"comment " + i + "\"}").post("/api/atoms/" + atom + "/comments")
                        .then().statusCode(201);
            }
            given().auth().oauth2(u).get("/api/atoms/" + atom + "/comments?limit=2").then().body("items.body", equalTo(List.of("comment 2", "comment 1")))
                    .body("nextOffset", equalTo(2));
            given().auth().oauth2(u).get("/api/atoms/" + atom + "/comments?limit=0").then().statusCode(400);
        }
    }
}
