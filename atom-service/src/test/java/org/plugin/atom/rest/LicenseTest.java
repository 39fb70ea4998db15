package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.plugin.atom.support.Fixtures.unique;

import org.junit.jupiter.api.Test;
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

/**
 * Licenses are SPDX license expressions checked against the SPDX License List (regression: a regex
 * let Not-A-License-1.0 pass and refused MIT OR Apache-2.0).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class LicenseTest {

    @InjectPeers
    WireMockServer peers;

    static String withLicense(String license) {
        return Fixtures.version("licensed", 'a', "[]").replace("\"license\":\"Apache-2.0\"", "\"license\":\"" + license + "\"");
    }

    @Test
    void expressionsWithOperatorsAndExceptionsAreAccepted() {
        var alice = Peers.contributor(peers, "alice");
        String token = TestTokens.user(alice.subject());
        String name = unique("licensed");
        Fixtures.put(token, name, "1.0.0", withLicense("GPL-2.0-only WITH Classpath-exception-2.0")).then().statusCode(201);
        given().auth().oauth2(token).get("/api/atoms/" + name).then().statusCode(200)
                .body("license", equalTo("GPL-2.0-only WITH Classpath-exception-2.0"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"license\":\"(mit OR Apache-2.0) AND LicenseRef-acme\"}")
                .patch("/api/atoms/" + name).then().statusCode(200).body("license", equalTo("(MIT OR Apache-2.0) AND LicenseRef-acme"));
    }

    @Test
    void anUnknownIdentifierIsA400NamingIt() {
        var alice = Peers.contributor(peers, "alice");
        String token = TestTokens.user(alice.subject());
        String name = unique("unlicensed");
        Fixtures.put(token, name, "1.0.0", withLicense("Not-A-License-1.0")).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("atom.license"))
                .body("violations.find { it.field == 'atom.license' }.message", containsString("'Not-A-License-1.0'"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(AtomResourceTest.create(name, "d").replace("\"license\":\"Apache-2.0\"", "\"license\":\"MIT OR Nope-1.0\""))
                .post("/api/atoms").then().statusCode(400)
                .body("violations.find { it.field == 'license' }.message", containsString("'Nope-1.0'"));
    }

    @Test
    void theDryRunWarnsOfDeprecatedIdentifiersAndAcceptsThem() {
        var alice = Peers.contributor(peers, "alice");
        String token = TestTokens.user(alice.subject());
        String name = unique("deprecated-license");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(withLicense("GPL-2.0+ OR MIT"))
                .post("/api/atoms/" + name + "/versions/1.0.0/validation").then().statusCode(200)
                .body("accepted", equalTo(true)).body("status", equalTo(201)).body("problems", empty())
                .body("warnings", hasSize(1)).body("warnings[0]", containsString("'GPL-2.0' is deprecated"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(withLicense("MIT"))
                .post("/api/atoms/" + name + "/versions/1.0.0/validation").then().statusCode(200).body("warnings", empty());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(withLicense("Not-A-License-1.0"))
                .post("/api/atoms/" + name + "/versions/1.0.0/validation").then().statusCode(200)
                .body("accepted", equalTo(false)).body("problems.detail", hasItem(containsString("'Not-A-License-1.0'")));
    }
}
