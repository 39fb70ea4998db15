package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
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
class InternalResourceTest {

    static final String SERVICE = TestTokens.service("privacy-service");

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    @Nested
    class Service {
        @Test
        void exportsWhatTheCatalogTiesToAContributor() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("exported");
            Fixtures.put(TestTokens.ci("ci-alice", alice.accountName()), name, "1.0.0", Fixtures.version("d", 'a', "[]")).then().statusCode(201);
            String token = TestTokens.user(alice.subject());
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"stars\":4}").put("/api/atoms/" + name + "/ratings/mine").then()
                    .statusCode(201);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"body\":\"My own atom\"}").post("/api/atoms/" + name + "/comments")
                    .then().statusCode(201);
            given().auth().oauth2(SERVICE).get("/internal/atoms/contributors/" + alice.id() + "/personal-data").then().statusCode(200)
                    .body("atoms.name", equalTo(List.of(name))).body("atoms[0].versions[0].version", equalTo("1.0.0"))
                    .body("ratings[0].stars", equalTo(4)).body("comments[0].body", equalTo("My own atom"))
                    .body("ledger.event", hasItem("VERSION_PUBLISHED")).body("ledger.ciClient", hasItem("ci-alice"))
                    .body("restricted", equalTo(false)).body("erasure", nullValue());
            given().auth().oauth2(SERVICE).get("/internal/atoms/contributors/" + java.util.UUID.randomUUID() + "/personal-data").then()
                    .statusCode(200).body("atoms", empty());
        }

        @Test
        void restrictionHidesAttributionUntilLifted() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("restricted");
            Fixtures.publish(alice, name, "1.0.0", "[]");
            Peers.names(peers, List.of(new Names(alice.id(), alice.accountName(), "Alice", "Liddell")));
            String reader = TestTokens.user("reader");
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"restricted\":true}")
                    .put("/internal/atoms/contributors/" + alice.id() + "/restriction").then().statusCode(200).body("restricted", equalTo(true));
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"restricted\":true,\"reason\":\"objection pending\"}")
                    .put("/internal/atoms/contributors/" + alice.id() + "/restriction").then().statusCode(200).body("restricted", equalTo(true));
            given().auth().oauth2(reader).get("/api/atoms/" + name).then().body("owner", nullValue()).body("attributionHidden", equalTo(true));
            given().auth().oauth2(reader).get("/api/atoms?q=" + name).then().body("items[0].owner", nullValue());
            given().auth().oauth2(reader).get("/api/atoms?contributor=" + alice.id()).then().body("total", equalTo(0));
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"restricted\":false}")
                    .put("/internal/atoms/contributors/" + alice.id() + "/restriction").then().statusCode(200).body("restricted", equalTo(false));
            given().auth().oauth2(reader).get("/api/atoms/" + name).then().body("owner.firstName", equalTo("Alice"));
        }

        @Test
        void erasureIsIdempotentAndKeepsTheLedgerVerifiable() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("erased");
            Fixtures.put(TestTokens.ci("ci-alice", alice.accountName()), name, "1.0.0", Fixtures.version("d", 'a', "[]")).then().statusCode(201);
            String token = TestTokens.user(alice.subject());
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"stars\":5}").put("/api/atoms/" + name + "/ratings/mine").then()
                    .statusCode(201);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"body\":\"Personal words\"}").post("/api/atoms/" + name + "/comments")
                    .then().statusCode(201);

            var first = given().auth().oauth2(SERVICE).post("/internal/atoms/contributors/" + alice.id() + "/erasure").then().statusCode(200)
                    .body("contributorId", equalTo(alice.id().toString())).body("atoms", equalTo(1)).body("feedback", equalTo(2))
                    .extract().asString();
            var second = given().auth().oauth2(SERVICE).post("/internal/atoms/contributors/" + alice.id() + "/erasure").then().statusCode(200)
                    .extract().asString();
            assertThat(second).isEqualTo(first);

            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name).then().statusCode(200).body("owner", nullValue())
                    .body("rating.count", equalTo(1));
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name + "/comments").then().body("items", hasSize(0));
            assertThat(Db.count(ds, "SELECT count(*) FROM feedback_comment WHERE author_contributor_id = ?", alice.id())).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM rating WHERE author_contributor_id = ? OR author_subject = ?", alice.id(), alice.subject()))
                    .isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM ledger_entry WHERE ci_client IS NOT NULL AND actor_contributor_id = ?", alice.id())).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM ledger_entry WHERE actor_contributor_id = ?", alice.id())).isPositive();
            given().auth().oauth2(SERVICE).get("/internal/atoms/contributors/" + alice.id() + "/personal-data").then()
                    .body("atoms", empty()).body("comments", empty()).body("ratings", empty()).body("ledger.ciClient", not(hasItem("ci-alice")))
                    .body("erasure.atoms", equalTo(1));
            given().auth().oauth2(TestTokens.admin("sub-admin")).get("/api/atoms/ledger/verification").then().body("valid", equalTo(true));
            // the Atom stays in the catalog, its owner gone: nobody can act as its owner any more
            given().auth().oauth2(token).delete("/api/atoms/" + name).then().statusCode(403);
        }

        @Test
        void feedbackOfAUserWhoIsNoContributorIsReachedAndErasedBySubject() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("by-subject");
            Fixtures.publish(alice, name, "1.0.0", "[]");
            String subject = "sub-" + unique("reader");
            String reader = TestTokens.user(subject);
            given().auth().oauth2(reader).contentType(ContentType.JSON).body("{\"stars\":2}").put("/api/atoms/" + name + "/ratings/mine").then()
                    .statusCode(201);
            given().auth().oauth2(reader).contentType(ContentType.JSON).body("{\"body\":\"Words of a reader\"}")
                    .post("/api/atoms/" + name + "/comments").then().statusCode(201);

            given().auth().oauth2(SERVICE).queryParam("subject", subject).get("/internal/atoms/authors/personal-data").then().statusCode(200)
                    .body("subject", equalTo(subject)).body("ratings[0].atom", equalTo(name)).body("ratings[0].stars", equalTo(2))
                    .body("comments[0].body", equalTo("Words of a reader"));

            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"subject\":\"" + subject + "\"}")
                    .post("/internal/atoms/authors/erasure").then().statusCode(200).body("comments", equalTo(1)).body("ratings", equalTo(1));
            assertThat(Db.count(ds, "SELECT count(*) FROM feedback_comment WHERE author_subject = ?", subject)).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM rating WHERE author_subject = ?", subject)).isZero();
            // the rating stays in the Atom's summary, anonymous; the text is gone
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name).then().body("rating.count", equalTo(1));
            given().auth().oauth2(SERVICE).queryParam("subject", subject).get("/internal/atoms/authors/personal-data").then()
                    .body("ratings", empty()).body("comments", empty());
            // a repeat with nothing new erases nothing
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"subject\":\"" + subject + "\"}")
                    .post("/internal/atoms/authors/erasure").then().statusCode(200).body("comments", equalTo(0)).body("ratings", equalTo(0));
        }

        @Test
        void authorSubjectsAreValidated() {
            given().auth().oauth2(SERVICE).get("/internal/atoms/authors/personal-data").then().statusCode(400)
                    .contentType("application/problem+json");
            given().auth().oauth2(SERVICE).queryParam("subject", "x".repeat(256)).get("/internal/atoms/authors/personal-data").then()
                    .statusCode(400);
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"subject\":\" \"}").post("/internal/atoms/authors/erasure")
                    .then().statusCode(400).body("violations.field", hasItem("subject"));
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"subject\":42}").post("/internal/atoms/authors/erasure")
                    .then().statusCode(400);
        }

        @Test
        void erasureWithTheSubjectErasesTheFeedbackUnderItInTheSameCall() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("erased-both");
            Fixtures.publish(alice, name, "1.0.0", "[]");
            given().auth().oauth2(TestTokens.user(alice.subject())).contentType(ContentType.JSON).body("{\"body\":\"As a contributor\"}")
                    .post("/api/atoms/" + name + "/comments").then().statusCode(201);
            // feedback under a subject that no contributor id reaches (written before registering)
            String subject = "sub-" + unique("before");
            String before = TestTokens.user(subject);
            given().auth().oauth2(before).contentType(ContentType.JSON).body("{\"stars\":3}").put("/api/atoms/" + name + "/ratings/mine").then()
                    .statusCode(201);
            given().auth().oauth2(before).contentType(ContentType.JSON).body("{\"body\":\"Before registering\"}")
                    .post("/api/atoms/" + name + "/comments").then().statusCode(201);
            String body = "{\"subject\":\"" + subject + "\"}";

            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(body).post("/internal/atoms/contributors/" + alice.id() + "/erasure")
                    .then().statusCode(200).body("contributorId", equalTo(alice.id().toString())).body("atoms", equalTo(1))
                    .body("feedback", equalTo(1)).body("author.comments", equalTo(1)).body("author.ratings", equalTo(1));
            assertThat(Db.count(ds, "SELECT count(*) FROM feedback_comment WHERE author_contributor_id = ? OR author_subject = ?", alice.id(), subject))
                    .isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM rating WHERE author_subject = ?", subject)).isZero();
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name).then().body("owner", nullValue()).body("rating.count", equalTo(1));

            // a repeat answers the contributor's erasure as the first call did, and erases nothing more under the subject
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(body).post("/internal/atoms/contributors/" + alice.id() + "/erasure")
                    .then().statusCode(200).body("atoms", equalTo(1)).body("feedback", equalTo(1)).body("author.comments", equalTo(0))
                    .body("author.ratings", equalTo(0));
            // without a subject, the answer names no author part
            given().auth().oauth2(SERVICE).post("/internal/atoms/contributors/" + alice.id() + "/erasure").then().statusCode(200)
                    .body("atoms", equalTo(1)).body("$", not(hasKey("author")));
            given().auth().oauth2(TestTokens.admin("sub-admin")).get("/api/atoms/ledger/verification").then().body("valid", equalTo(true));
        }

        @Test
        void aBadSubjectInTheErasureIsAProblemAndErasesNothing() {
            var bob = Peers.contributor(peers, "bob");
            String name = unique("kept");
            Fixtures.publish(bob, name, "1.0.0", "[]");
            String path = "/internal/atoms/contributors/" + bob.id() + "/erasure";
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"subject\":\" \"}").post(path).then().statusCode(400)
                    .contentType("application/problem+json").body("violations.field", hasItem("subject"));
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"subject\":\"" + "x".repeat(256) + "\"}").post(path).then()
                    .statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"subject\":42}").post(path).then().statusCode(400)
                    .contentType("application/problem+json");
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"subject\":").post(path).then().statusCode(400)
                    .contentType("application/problem+json");
            given().auth().oauth2(SERVICE).contentType(ContentType.TEXT).body("subject").post(path).then().statusCode(415)
                    .contentType("application/problem+json");
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"subject\":\"" + "x".repeat(70_000) + "\"}").post(path).then()
                    .statusCode(413).contentType("application/problem+json");
            assertThat(Db.count(ds, "SELECT count(*) FROM contributor_erasure WHERE contributor_id = ?", bob.id())).isZero();
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name).then().body("owner.id", equalTo(bob.id().toString()));
        }

        @Test
        void invalidIdsAndBodiesAreProblems() {
            given().auth().oauth2(SERVICE).get("/internal/atoms/contributors/not-a-uuid/personal-data").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("UUID"));
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"restricted\":\"yes\"}")
                    .put("/internal/atoms/contributors/" + java.util.UUID.randomUUID() + "/restriction").then().statusCode(400);
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{}")
                    .put("/internal/atoms/contributors/" + java.util.UUID.randomUUID() + "/restriction").then().statusCode(400);
        }
    }

    @Nested
    class NotAService {
        @Test
        void usersAdminsAndCiAreForbidden() {
            String path = "/internal/atoms/contributors/" + java.util.UUID.randomUUID() + "/personal-data";
            given().get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.user("u")).get(path).then().statusCode(403);
            given().auth().oauth2(TestTokens.admin("a")).get(path).then().statusCode(403);
            given().auth().oauth2(TestTokens.ci("ci-alice", "alice")).get(path).then().statusCode(403);
            given().auth().oauth2(TestTokens.admin("a")).post("/internal/atoms/contributors/" + java.util.UUID.randomUUID() + "/erasure").then()
                    .statusCode(403);
            given().contentType(ContentType.JSON).body("{\"subject\":\"s\"}").post("/internal/atoms/contributors/" + java.util.UUID.randomUUID() + "/erasure")
                    .then().statusCode(401);
            given().auth().oauth2(TestTokens.user("u")).contentType(ContentType.JSON).body("{\"subject\":\"s\"}")
                    .post("/internal/atoms/contributors/" + java.util.UUID.randomUUID() + "/erasure").then().statusCode(403);
        }
    }
}
