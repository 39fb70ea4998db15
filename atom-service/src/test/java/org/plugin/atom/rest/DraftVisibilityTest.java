package org.plugin.atom.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.plugin.atom.support.Fixtures.unique;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
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
import io.restassured.path.json.JsonPath;

/**
 * A DRAFT version exists only for the Atom's owner, a CI token acting for them, and admins: for
 * everyone else it is absent from the Atom page, the version list, the version URL (404, worded as
 * for a version that never existed), the Atom's ledger and chain validation, until it is published.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class DraftVisibilityTest {

    static final String DRAFT = "1.1.0-beta";

    @InjectPeers
    WireMockServer peers;

    record Drafted(Contributor alice, Contributor bob, String atom) {
    }

    /** alice's Atom with 1.0.0 published and 1.1.0-beta a draft. */
    Drafted drafted() {
        var alice = Peers.contributor(peers, "alice");
        var bob = Peers.contributor(peers, "bob");
        String atom = unique("drafty");
        Fixtures.publish(alice, atom, "1.0.0", Fixtures.IN_OUT_HTTP);
        Fixtures.put(TestTokens.user(alice.subject()), atom, DRAFT, draft(atom, 'b')).then().statusCode(201);
        return new Drafted(alice, bob, atom);
    }

    /** A DRAFT version of {@code atom}, its descriptive fields as {@link Fixtures#publish} registered them. */
    static String draft(String atom, char digest) {
        return Fixtures.version("A test Atom " + atom, digest, Fixtures.IN_OUT_HTTP).replace("\"releaseNotes\"", "\"state\":\"DRAFT\",\"releaseNotes\"");
    }

    static JsonPath read(String token, String path) {
        return given().auth().oauth2(token).get(path).then().statusCode(200).extract().jsonPath();
    }

    static String notFoundDetail(String token, String path) {
        return given().auth().oauth2(token).get(path).then().statusCode(404).contentType("application/problem+json").extract().path("detail");
    }

    void seesTheDraft(String token, Drafted d) {
        assertThat(read(token, "/api/atoms/" + d.atom()).getList("versions.version", String.class)).containsExactly(DRAFT, "1.0.0");
        JsonPath versions = read(token, "/api/atoms/" + d.atom() + "/versions");
        assertThat(versions.getInt("total")).isEqualTo(2);
        assertThat(versions.getList("items.state", String.class)).containsExactly("DRAFT", "PUBLISHED");
        assertThat(read(token, "/api/atoms/" + d.atom() + "/versions/" + DRAFT).getString("state")).isEqualTo("DRAFT");
        JsonPath ledger = read(token, "/api/atoms/" + d.atom() + "/ledger");
        assertThat(ledger.getList("items.event", String.class)).containsExactly("ATOM_CREATED", "VERSION_PUBLISHED", "VERSION_DRAFTED");
        assertThat(ledger.getInt("total")).isEqualTo(3);
    }

    void seesNoDraft(String token, Drafted d) {
        JsonPath page = read(token, "/api/atoms/" + d.atom());
        assertThat(page.getList("versions.version", String.class)).containsExactly("1.0.0");
        assertThat(page.getString("latestVersion")).isEqualTo("1.0.0");
        JsonPath versions = read(token, "/api/atoms/" + d.atom() + "/versions");
        assertThat(versions.getInt("total")).isEqualTo(1);
        assertThat(versions.getList("items.version", String.class)).containsExactly("1.0.0");
        String draftDetail = notFoundDetail(token, "/api/atoms/" + d.atom() + "/versions/" + DRAFT);
        String neverDetail = notFoundDetail(token, "/api/atoms/" + d.atom() + "/versions/1.2.0-beta");
        assertThat(draftDetail.replace(DRAFT, "X")).isEqualTo(neverDetail.replace("1.2.0-beta", "X"));
        JsonPath ledger = read(token, "/api/atoms/" + d.atom() + "/ledger");
        assertThat(ledger.getList("items.event", String.class)).containsExactly("ATOM_CREATED", "VERSION_PUBLISHED");
        assertThat(ledger.getInt("total")).isEqualTo(2);
    }

    @Nested
    class OwnerCiForTheOwnerAndAdmins {
        @Test
        void seeTheDraftEverywhere() {
            var d = drafted();
            seesTheDraft(TestTokens.user(d.alice().subject()), d);
            seesTheDraft(TestTokens.ci("ci-alice", d.alice().accountName()), d);
            seesTheDraft(TestTokens.admin("sub-" + unique("admin")), d);
        }

        @Test
        void theOwnerChainsTheirOwnDraftAndLearnsItIsADraft() {
            var d = drafted();
            given().auth().oauth2(TestTokens.user(d.alice().subject())).contentType(ContentType.JSON).body(chain(unique("own"), d.atom()))
                    .post("/api/chains").then().statusCode(400).body("errors.code", hasItem("VERSION_NOT_PUBLISHED"));
        }
    }

    @Nested
    class EveryoneElse {
        @Test
        void aPlainUserAnotherContributorAndAnotherCiSeeNoDraft() {
            var d = drafted();
            seesNoDraft(TestTokens.user("sub-" + unique("reader")), d);
            seesNoDraft(TestTokens.user(d.bob().subject()), d);
            seesNoDraft(TestTokens.ci("ci-bob", d.bob().accountName()), d);
        }

        @Test
        void aChainOnAnotherOwnersDraftFindsNoSuchVersion() {
            var d = drafted();
            given().auth().oauth2(TestTokens.user(d.bob().subject())).contentType(ContentType.JSON).body(chain(unique("theirs"), d.atom()))
                    .post("/api/chains").then().statusCode(400).body("errors.code", equalToList("UNKNOWN_VERSION"))
                    .body("errors.code", not(hasItem("VERSION_NOT_PUBLISHED")));
        }

        @Test
        void deprecatingADraftIsRefusedAsForAnyVersion() {
            var d = drafted();
            String bob = TestTokens.user(d.bob().subject());
            given().auth().oauth2(bob).post("/api/atoms/" + d.atom() + "/versions/" + DRAFT + "/deprecation").then().statusCode(403);
            given().auth().oauth2(bob).post("/api/atoms/" + d.atom() + "/versions/9.9.9/deprecation").then().statusCode(403);
        }

        @Test
        void oncePublishedTheVersionShowsToEveryone() {
            var d = drafted();
            Fixtures.put(TestTokens.user(d.alice().subject()), d.atom(), DRAFT, draft(d.atom(), 'b').replace("\"DRAFT\"", "\"PUBLISHED\"")).then()
                    .statusCode(200);
            String reader = TestTokens.user("sub-" + unique("reader"));
            assertThat(read(reader, "/api/atoms/" + d.atom()).getList("versions.version", String.class)).containsExactly(DRAFT, "1.0.0");
            assertThat(read(reader, "/api/atoms/" + d.atom() + "/versions/" + DRAFT).getString("state")).isEqualTo("PUBLISHED");
        }

        @Test
        void whoCannotBeResolvedNowSeesThePageWithoutDrafts() {
            var d = drafted();
            String subject = "sub-" + unique("unresolvable");
            peers.stubFor(get(urlPathEqualTo(Peers.RESOLVE)).atPriority(1).withQueryParam("subject", equalTo(subject))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            seesNoDraft(TestTokens.user(subject), d);
        }
    }

    static org.hamcrest.Matcher<Iterable<? extends String>> equalToList(String... codes) {
        return org.hamcrest.Matchers.contains(codes);
    }

    static String chain(String name, String atom) {
        return "{\"name\":\"%s\",\"nodes\":[{\"key\":\"a\",\"atom\":\"%s\",\"version\":\"%s\"}]}".formatted(name, atom, DRAFT);
    }
}
