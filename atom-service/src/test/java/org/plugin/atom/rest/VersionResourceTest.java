package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.plugin.atom.support.Fixtures.IN_OUT_HTTP;
import static org.plugin.atom.support.Fixtures.put;
import static org.plugin.atom.support.Fixtures.unique;
import static org.plugin.atom.support.Fixtures.version;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.atom.support.Db;
import org.plugin.atom.support.Fixtures;
import org.plugin.atom.support.Peers;
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
class VersionResourceTest {

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    long atoms(String name) {
        return Db.count(ds, "SELECT count(*) FROM atom WHERE name = ?", name);
    }

    long versions(String name) {
        return Db.count(ds, "SELECT count(*) FROM atom_version v JOIN atom a ON a.id = v.atom_id WHERE a.name = ?", name);
    }

    @Nested
    class Anonymous {
        @Test
        void registrationNeedsAToken() {
            given().contentType(ContentType.JSON).body(version("x", 'a', "[]")).when().put("/api/atoms/anon-atom/versions/1.0.0")
                    .then().statusCode(401).contentType("application/problem+json");
            assertThat(atoms("anon-atom")).isZero();
        }
    }

    @Nested
    class CiForTheOwner {
        @Test
        void registersTwiceThenRefusesDifferentContent() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("ci-atom");
            String ci = TestTokens.ci("ci-alice", alice.accountName());

            put(ci, name, "1.0.0", version("A router", 'a', IN_OUT_HTTP)).then().statusCode(201)
                    .header("Location", endsWith("/api/atoms/" + name + "/versions/1.0.0"))
                    .body("outcome", equalTo("CREATED")).body("atomCreated", equalTo(true))
                    .body("version.state", equalTo("PUBLISHED"));
            String ledgerBefore = given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name + "/ledger").then().statusCode(200)
                    .extract().path("total").toString();

            put(ci, name, "1.0.0", version("A router", 'a', IN_OUT_HTTP)).then().statusCode(200)
                    .body("outcome", equalTo("UNCHANGED")).body("atomCreated", equalTo(false));
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name + "/ledger").then()
                    .body("total", equalTo(Integer.valueOf(ledgerBefore)));

            put(ci, name, "1.0.0", version("A router", 'b', IN_OUT_HTTP)).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("immutable")).body("detail", containsString("new version"));
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name + "/versions/1.0.0").then().statusCode(200)
                    .body("artifacts[0].digest", equalTo(Fixtures.digest('a')));
            assertThat(versions(name)).isEqualTo(1);
        }

        @Test
        void theLedgerRecordsTheCiClientAndTheContributor() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("ci-ledger");
            put(TestTokens.ci("ci-alice", alice.accountName()), name, "2.1.0", version("x", 'c', "[]")).then().statusCode(201);
            given().auth().oauth2(TestTokens.user("reader")).get("/api/atoms/" + name + "/ledger").then().statusCode(200)
                    .body("items.event", equalTo(java.util.List.of("ATOM_CREATED", "VERSION_PUBLISHED")))
                    .body("items[1].actor.kind", equalTo("CI"))
                    .body("items[1].actor.ciClient", equalTo("ci-alice"))
                    .body("items[1].actor.contributorId", equalTo(alice.id().toString()))
                    .body("items[1].version", equalTo("2.1.0"));
        }

        @Test
        void sameContentInAnotherOrderIsTheSameVersion() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("ci-order");
            String points = "[{\"name\":\"p-a\",\"protocol\":\"http\",\"direction\":\"IN\"},{\"name\":\"p-b\",\"protocol\":\"GRPC\",\"direction\":\"OUT\"}]";
            String reordered = "[{\"name\":\"p-b\",\"protocol\":\"grpc\",\"direction\":\"OUT\"},{\"name\":\"p-a\",\"protocol\":\"HTTP\",\"direction\":\"IN\"}]";
            String ci = TestTokens.ci("ci-alice", alice.accountName());
            put(ci, name, "1.0.0", version("x", 'a', points)).then().statusCode(201);
            put(ci, name, "1.0.0", version("x", 'a', reordered)).then().statusCode(200).body("outcome", equalTo("UNCHANGED"));
        }
    }

    @Nested
    class CiForSomeoneElse {
        @Test
        void cannotPublishOnAnotherContributorsAtom() {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            String name = unique("owned");
            Fixtures.publish(alice, name, "1.0.0", "[]");
            put(TestTokens.ci("ci-bob", bob.accountName()), name, "1.1.0", version("x", 'b', "[]")).then().statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("Only the owner"));
            assertThat(versions(name)).isEqualTo(1);
        }

        @Test
        void ciTokenForAnUnregisteredAccountIsRefused() {
            String name = unique("nobody");
            String ghost = "ghost-" + unique("x");
            put(TestTokens.ci("ci-ghost", ghost), name, "1.0.0", version("x", 'a', "[]")).then().statusCode(403)
                    .body("detail", containsString("not a registered contributor"))
                    .body("detail", org.hamcrest.Matchers.not(containsString(ghost)));
            assertThat(atoms(name)).isZero();
        }

        @Test
        void ciTokenForADeactivatedContributorIsRefused() {
            var gone = Peers.contributor(peers, "gone", "DEACTIVATED");
            String name = unique("deact");
            put(TestTokens.ci("ci-gone", gone.accountName()), name, "1.0.0", version("x", 'a', "[]")).then().statusCode(403)
                    .body("detail", containsString("DEACTIVATED"))
                    .body("detail", org.hamcrest.Matchers.not(containsString(gone.accountName())));
            assertThat(atoms(name)).isZero();
        }

        @Test
        void ciTokenWithoutTheClaimIsRefused() {
            String token = TestTokens.token().subject("service-account-ci-x").client("ci-x").roles("ci").sign();
            put(token, unique("noclaim"), "1.0.0", version("x", 'a', "[]")).then().statusCode(403)
                    .body("detail", containsString("plugin_contributor"));
        }
    }

    @Nested
    class OrdinaryUser {
        @Test
        void aUserWhoIsNotAContributorCannotRegister() {
            Peers.defaults(peers);
            String name = unique("nocontrib");
            put(TestTokens.user("sub-" + unique("u")), name, "1.0.0", version("x", 'a', "[]")).then().statusCode(403)
                    .body("detail", containsString("not a registered contributor"));
            assertThat(atoms(name)).isZero();
        }

        @Test
        void readsVersionsButServiceTokensDoNot() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("readable");
            Fixtures.publish(alice, name, "1.0.0", IN_OUT_HTTP);
            given().auth().oauth2(TestTokens.user("anyone")).get("/api/atoms/" + name + "/versions").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].connectionPoints.name", hasItem("in"));
            given().auth().oauth2(TestTokens.service("privacy-service")).get("/api/atoms/" + name + "/versions").then().statusCode(403);
        }

        @Test
        void versionPagesFollowPrecedenceNewestFirstAndHideDraftsFromOthers() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("paged");
            for (String v : new String[] { "1.2.0", "1.10.0", "1.0.0-alpha", "2.0.0-rc.1", "1.0.0" }) {
                Fixtures.publish(alice, name, v, IN_OUT_HTTP);
            }
            put(TestTokens.user(alice.subject()), name, "3.0.0", version("A test Atom " + name, 'b', IN_OUT_HTTP)
                    .replace("\"releaseNotes\"", "\"state\":\"DRAFT\",\"releaseNotes\"")).then().statusCode(201);
            String reader = TestTokens.user("anyone");
            var pages = new java.util.ArrayList<String>();
            for (int offset = 0; offset < 6; offset += 2) {
                var page = given().auth().oauth2(reader).get("/api/atoms/" + name + "/versions?limit=2&offset=" + offset).then().statusCode(200)
                        .body("total", equalTo(5)).extract().jsonPath();
                assertThat(page.getList("items.state", String.class)).containsOnly("PUBLISHED");
                assertThat(page.getList("items.releaseNotes", String.class)).as("each version in full").containsOnly("First release");
                pages.addAll(page.getList("items.version", String.class));
            }
            assertThat(pages).containsExactly("2.0.0-rc.1", "1.10.0", "1.2.0", "1.0.0", "1.0.0-alpha");
            var owners = given().auth().oauth2(TestTokens.user(alice.subject())).get("/api/atoms/" + name + "/versions?limit=2")
                    .then().statusCode(200).body("total", equalTo(6)).extract().jsonPath();
            assertThat(owners.getList("items.version", String.class)).containsExactly("3.0.0", "2.0.0-rc.1");
            assertThat(owners.getList("items.state", String.class)).containsExactly("DRAFT", "PUBLISHED");
        }
    }

    @Nested
    class Owner {
        @Test
        void draftsChangeUntilPublishedThenFreeze() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("drafty");
            String token = TestTokens.user(alice.subject());
            String draft = version("x", 'a', "[]").replace("\"releaseNotes\"", "\"state\":\"DRAFT\",\"releaseNotes\"");
            put(token, name, "0.1.0-rc.1", draft).then().statusCode(201).body("version.state", equalTo("DRAFT"));
            put(token, name, "0.1.0-rc.1", draft).then().statusCode(200).body("outcome", equalTo("UNCHANGED"));
            String changedDraft = version("x", 'b', "[]").replace("\"releaseNotes\"", "\"state\":\"DRAFT\",\"releaseNotes\"");
            put(token, name, "0.1.0-rc.1", changedDraft).then().statusCode(200).body("outcome", equalTo("UPDATED"))
                    .body("version.artifacts[0].digest", equalTo(Fixtures.digest('b')));
            given().auth().oauth2(token).get("/api/atoms/" + name).then().body("latestVersion", nullValue());
            put(token, name, "0.1.0-rc.1", version("x", 'b', "[]")).then().statusCode(200).body("outcome", equalTo("UPDATED"))
                    .body("version.state", equalTo("PUBLISHED"));
            put(token, name, "0.1.0-rc.1", changedDraft).then().statusCode(409).body("detail", containsString("cannot go back to DRAFT"));
            given().auth().oauth2(token).get("/api/atoms/" + name).then().body("latestVersion", equalTo("0.1.0-rc.1"));
        }

        @Test
        void deprecatesAVersionAndRepeatsAreHarmless() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("depver");
            Fixtures.publish(alice, name, "1.0.0", "[]");
            String token = TestTokens.user(alice.subject());
            given().auth().oauth2(token).post("/api/atoms/" + name + "/versions/1.0.0/deprecation").then().statusCode(200)
                    .body("state", equalTo("DEPRECATED"));
            given().auth().oauth2(token).post("/api/atoms/" + name + "/versions/1.0.0/deprecation").then().statusCode(200);
            // the CI re-running on a deprecated version: same content changes nothing
            put(token, name, "1.0.0", version("A test Atom " + name, 'a', "[]")).then().statusCode(200).body("outcome", equalTo("UNCHANGED"))
                    .body("version.state", equalTo("DEPRECATED"));
        }

        @Test
        void theDescriptorUpdatesTheAtomFields() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("desc");
            String token = TestTokens.user(alice.subject());
            put(token, name, "1.0.0", version("first words", 'a', "[]")).then().statusCode(201);
            put(token, name, "1.0.0", version("second words", 'a', "[]")).then().statusCode(200).body("outcome", equalTo("UPDATED"))
                    .body("atomUpdated", equalTo(true));
            given().auth().oauth2(token).get("/api/atoms/" + name).then().body("description", equalTo("second words"));
        }
    }

    @Nested
    class HostileInput {
        String token() {
            return TestTokens.user(Peers.contributor(peers, "hostile").subject());
        }

        @Test
        void invalidDigestIsRefusedAndNothingStored() {
            String name = unique("baddigest");
            String body = version("x", 'a', "[]").replace(Fixtures.digest('a'), "sha256:XYZ");
            put(token(), name, "1.0.0", body).then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("artifacts[0].digest"));
            assertThat(atoms(name)).isZero();
        }

        @Test
        void invalidVersionIsRefused() {
            String name = unique("badver");
            put(token(), name, "1.0", version("x", 'a', "[]")).then().statusCode(400).body("detail", containsString("semantic version"));
            put(token(), name, "01.0.0", version("x", 'a', "[]")).then().statusCode(400);
            assertThat(atoms(name)).isZero();
        }

        @Test
        void invalidOrReservedNameIsRefused() {
            put(token(), "Bad_Name", "1.0.0", version("x", 'a', "[]")).then().statusCode(400).body("detail", containsString("lowercase"));
            put(token(), "openapi", "1.0.0", version("x", 'a', "[]")).then().statusCode(400).body("detail", containsString("reserved"));
            assertThat(atoms("openapi")).isZero();
        }

        @Test
        void newAtomWithoutItsFieldsIsRefused() {
            String name = unique("nofields");
            String body = """
                    {"artifacts":[{"type":"OTHER","reference":"x","digest":"%s"}]}""".formatted(Fixtures.digest('a'));
            put(token(), name, "1.0.0", body).then().statusCode(400).body("detail", containsString("'atom'"));
            assertThat(atoms(name)).isZero();
        }

        @Test
        void scriptAndSqlInFieldsAreRefused() {
            String name = unique("xss");
            String body = version("x", 'a', "[]").replace("Fast Router", "<script>alert(1)</script>");
            put(token(), name, "1.0.0", body).then().statusCode(400).body("violations.field", hasItem("atom.displayName"));
            String sql = version("x", 'a', "[]").replace("\"routing\"", "\"x'; DROP TABLE atom; --\"");
            put(token(), name, "1.0.0", sql).then().statusCode(400);
            assertThat(atoms(name)).isZero();
        }

        @Test
        void oversizeDescriptionIsRefused() {
            String name = unique("big");
            put(token(), name, "1.0.0", version("d".repeat(20001), 'a', "[]")).then().statusCode(400).contentType("application/problem+json");
            assertThat(atoms(name)).isZero();
        }

        @Test
        void bodyOverTheLimitIs413() {
            String name = unique("huge");
            put(token(), name, "1.0.0", version("d".repeat(70_000), 'a', "[]")).then().statusCode(413).contentType("application/problem+json");
            assertThat(atoms(name)).isZero();
        }

        @Test
        void wrongTypesUnknownFieldsAndMalformedJson() {
            String name = unique("shape");
            put(token(), name, "1.0.0", "{\"artifacts\":\"nope\"}").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("artifacts"));
            put(token(), name, "1.0.0", version("x", 'a', "[]").replace("\"languages\"", "\"surprise\":1,\"languages\"")).then().statusCode(400)
                    .body("detail", containsString("surprise"));
            put(token(), name, "1.0.0", "{\"artifacts\":[").then().statusCode(400).contentType("application/problem+json");
            put(token(), name, "1.0.0", version("x", 'a', "[]").replace("VNF", "MAINFRAME")).then().statusCode(400);
            assertThat(atoms(name)).isZero();
        }

        @Test
        void invalidUtf8IsRefused() {
            String name = unique("utf");
            byte[] body = version("x", 'a', "[]").replace("Fast Router", "Fast \u0001Router").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] broken = java.util.Arrays.copyOf(body, body.length);
            for (int i = 0; i < broken.length; i++) {
                if (broken[i] == 0x01) {
                    broken[i] = (byte) 0xC3; // a lead byte without its continuation
                }
            }
            given().auth().oauth2(token()).contentType("application/json").body(broken).put("/api/atoms/" + name + "/versions/1.0.0")
                    .then().statusCode(400).contentType("application/problem+json");
            assertThat(atoms(name)).isZero();
        }

        @Test
        void duplicateConnectionPointsAreRefused() {
            String name = unique("dupcp");
            String points = "[{\"name\":\"dup\",\"protocol\":\"HTTP\",\"direction\":\"IN\"},{\"name\":\"dup\",\"protocol\":\"HTTP\",\"direction\":\"OUT\"}]";
            put(token(), name, "1.0.0", version("x", 'a', points)).then().statusCode(400).body("detail", containsString("used twice"));
            assertThat(atoms(name)).isZero();
        }
    }

    @Nested
    class DryRun {
        @Test
        void answersWithoutWriting() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("dry");
            String token = TestTokens.user(alice.subject());
            long ledger = Db.count(ds, "SELECT count(*) FROM ledger_entry");
            given().auth().oauth2(token).contentType(ContentType.JSON).body(version("x", 'a', "[]"))
                    .post("/api/atoms/" + name + "/versions/1.0.0/validation").then().statusCode(200)
                    .body("accepted", equalTo(true)).body("status", equalTo(201)).body("outcome", equalTo("CREATED"))
                    .body("atomCreated", equalTo(true));
            assertThat(atoms(name)).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM ledger_entry")).isEqualTo(ledger);

            put(token, name, "1.0.0", version("x", 'a', "[]")).then().statusCode(201);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(version("x", 'a', "[]"))
                    .post("/api/atoms/" + name + "/versions/1.0.0/validation").then().statusCode(200)
                    .body("accepted", equalTo(true)).body("status", equalTo(200)).body("outcome", equalTo("UNCHANGED"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(version("x", 'f', "[]"))
                    .post("/api/atoms/" + name + "/versions/1.0.0/validation").then().statusCode(200)
                    .body("accepted", equalTo(false)).body("status", equalTo(409)).body("problems[0].detail", containsString("immutable"));
        }

        @Test
        void listsFieldProblemsAndOwnership() {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            String name = unique("dry2");
            Fixtures.publish(alice, name, "1.0.0", "[]");
            given().auth().oauth2(TestTokens.user(bob.subject())).contentType(ContentType.JSON).body(version("x", 'a', "[]"))
                    .post("/api/atoms/" + name + "/versions/2.0.0/validation").then().statusCode(200)
                    .body("accepted", equalTo(false)).body("status", equalTo(403));
            given().auth().oauth2(TestTokens.user(alice.subject())).contentType(ContentType.JSON)
                    .body(version("x", 'a', "[]").replace(Fixtures.digest('a'), "md5:abc"))
                    .post("/api/atoms/" + name + "/versions/2.0.0/validation").then().statusCode(200)
                    .body("accepted", equalTo(false)).body("status", equalTo(400))
                    .body("problems.field", hasItem("artifacts[0].digest"));
            assertThat(versions(name)).isEqualTo(1);
        }

        @Test
        void malformedJsonIsStillA400() {
            given().auth().oauth2(TestTokens.user("x")).contentType(ContentType.JSON).body("{")
                    .post("/api/atoms/whatever/versions/1.0.0/validation").then().statusCode(400).contentType("application/problem+json");
        }
    }
}
