package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * The catalog through the gateway with real provider tokens: CI registration and its idempotency,
 * search, names without email, rating, chains, removal with a tombstone, and the ledger.
 */
class AtomJourneyTest {

    static final String CI_ALICE = "ci-alice";
    static final String CI_ALICE_SECRET = System.getenv().getOrDefault("CI_ALICE_SECRET", "ci-alice-secret");

    /** ci-alice publishes for account name alice, so user alice must be contributor alice (409 on re-runs is fine). */
    @BeforeAll
    static void contributors() {
        register(Stack.ALICE, "Alice", "Liddell");
        register(Stack.BOB, "Bob", "Morane");
    }

    static void register(String user, String first, String last) {
        int status = given().spec(Stack.gateway(Stack.userToken(user))).contentType(ContentType.JSON)
                .body("{\"accountName\":\"%s\",\"firstName\":\"%s\",\"lastName\":\"%s\",\"email\":\"%s@example.org\"}"
                        .formatted(user, first, last, user))
                .when().post("/api/contributors").then().extract().statusCode();
        assertThat(status).as("registering %s as a contributor", user).isIn(201, 409);
    }

    static String descriptor(String word, char digest, String points) {
        return """
                {"atom":{"displayName":"Journey Atom","summary":"An Atom of the end-to-end journey",
                  "description":"It carries the rare word %s in its description.","kind":"VNF","category":"testing",
                  "tags":["e2e"],"license":"Apache-2.0","sourceUrl":"https://git.example.org/journey"},
                 "artifacts":[{"type":"CONTAINER_IMAGE","reference":"registry.example.org/journey:1","digest":"sha256:%s"}],
                 "languages":["Java"],"connectionPoints":%s,"releaseNotes":"Journey"}""".formatted(word, String.valueOf(digest).repeat(64), points);
    }

    static final String HTTP_POINTS = """
            [{"name":"in","protocol":"HTTP","direction":"IN"},{"name":"out","protocol":"HTTP","direction":"OUT"}]""";
    static final String GTP_POINTS = """
            [{"name":"in","protocol":"GTP-U","direction":"IN"}]""";

    static io.restassured.response.ValidatableResponse publish(String ci, String atom, String version, String body) {
        return given().spec(Stack.gateway(ci)).contentType(ContentType.JSON).body(body)
                .when().put("/api/atoms/" + atom + "/versions/" + version).then();
    }

    @Test
    void catalogJourney() {
        String ci = Stack.clientToken(CI_ALICE, CI_ALICE_SECRET);
        String word = "quokka" + Stack.unique().replaceAll("[^a-z]", "");
        Stack.remember(word); // a search term a user typed: the gateway's access log keeps no query string
        String fw = "journey-fw-" + Stack.unique();
        String lb = "journey-lb-" + Stack.unique();
        String gtp = "journey-gtp-" + Stack.unique();

        // CI registers a version twice: created, then unchanged; different content for it is refused
        publish(ci, fw, "1.0.0", descriptor(word, 'a', HTTP_POINTS)).statusCode(201).body("outcome", equalTo("CREATED"));
        publish(ci, fw, "1.0.0", descriptor(word, 'a', HTTP_POINTS)).statusCode(200).body("outcome", equalTo("UNCHANGED"));
        publish(ci, fw, "1.0.0", descriptor(word, 'b', HTTP_POINTS)).statusCode(409).contentType(containsString("problem+json"))
                .body("detail", containsString("immutable"));

        // a user finds it by a word of its description, sees the contributor's names but no email, rates it
        String reader = Stack.userToken(Stack.newUser("reader"));
        String page = given().spec(Stack.gateway(reader)).queryParam("q", word).when().get("/api/atoms")
                .then().statusCode(200).body("items.name", hasItem(fw)).body("items[0].owner.accountName", equalTo("alice"))
                .body("items[0].owner.firstName", notNullValue()).body("items[0].owner.lastName", notNullValue())
                .extract().asString();
        assertThat(page).doesNotContainIgnoringCase("email").doesNotContain("@example.org");
        String detail = given().spec(Stack.gateway(reader)).when().get("/api/atoms/" + fw).then().statusCode(200)
                .body("owner.accountName", equalTo("alice")).body("versions[0].version", equalTo("1.0.0")).extract().asString();
        assertThat(detail).doesNotContainIgnoringCase("email").doesNotContain("@example.org");
        given().spec(Stack.gateway(reader)).contentType(ContentType.JSON).body("{\"stars\":5}").when().put("/api/atoms/" + fw + "/ratings/mine")
                .then().statusCode(201);
        given().spec(Stack.gateway(reader)).when().get("/api/atoms/" + fw).then().body("rating.count", equalTo(1));

        // bob chains two of alice's Atoms; a broken chain is refused with its reason
        publish(ci, lb, "2.0.0", descriptor("balancer", 'c', HTTP_POINTS)).statusCode(201);
        publish(ci, gtp, "1.0.0", descriptor("tunnel", 'd', GTP_POINTS)).statusCode(201);
        String bob = Stack.userToken(Stack.BOB);
        String chain = "journey-chain-" + Stack.unique();
        given().spec(Stack.gateway(bob)).contentType(ContentType.JSON).body(chain(chain, fw, "1.0.0", lb, "2.0.0"))
                .when().post("/api/chains").then().statusCode(201).body("intact", equalTo(true)).body("owner.accountName", equalTo("bob"));
        String broken = "journey-broken-" + Stack.unique();
        given().spec(Stack.gateway(bob)).contentType(ContentType.JSON).body(chain(broken, fw, "1.0.0", gtp, "1.0.0"))
                .when().post("/api/chains").then().statusCode(400).body("errors.code", hasItem("PROTOCOL_MISMATCH"));
        given().spec(Stack.gateway(bob)).contentType(ContentType.JSON).body(chain(broken, fw, "9.9.9", lb, "2.0.0"))
                .when().post("/api/chains").then().statusCode(400).body("errors.code", hasItem("UNKNOWN_VERSION"));
        given().spec(Stack.gateway(bob)).when().get("/api/chains/" + broken).then().statusCode(404);

        // the owner removes an Atom that bob's chain uses: a tombstone, shown as removed in the chain
        given().spec(Stack.gateway(Stack.userToken(Stack.ALICE))).when().delete("/api/atoms/" + fw).then().statusCode(200)
                .body("outcome", equalTo("TOMBSTONED"));
        given().spec(Stack.gateway(bob)).when().get("/api/chains/" + chain).then().statusCode(200).body("intact", equalTo(false))
                .body("nodes.find { it.key == 'first' }.removed", equalTo(true));
        given().spec(Stack.gateway(reader)).queryParam("q", word).when().get("/api/atoms").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(hasItem(fw)));

        // the ledger tells the story and verifies
        given().spec(Stack.gateway(reader)).when().get("/api/atoms/" + fw + "/ledger").then().statusCode(200)
                .body("items.event", equalTo(List.of("ATOM_CREATED", "VERSION_PUBLISHED", "ATOM_TOMBSTONED")))
                .body("items[1].actor.ciClient", equalTo(CI_ALICE));
        given().spec(Stack.gateway(Stack.userToken(Stack.ADMIN))).when().get("/api/atoms/ledger/verification").then().statusCode(200)
                .body("valid", equalTo(true));
    }

    static String chain(String name, String first, String firstVersion, String second, String secondVersion) {
        return """
                {"name":"%s","description":"journey","nodes":[{"key":"first","atom":"%s","version":"%s"},
                 {"key":"second","atom":"%s","version":"%s"}],
                 "links":[{"from":{"node":"first","point":"out"},"to":{"node":"second","point":"in"}}]}"""
                .formatted(name, first, firstVersion, second, secondVersion);
    }

    /** The pipeline script of deploy/ci through the gateway, when bash, curl and jq are here. */
    @Test
    void ciScriptRegistersThroughTheGateway() throws Exception {
        Path script = Path.of("..", "deploy", "ci", "register-atom.sh");
        Assumptions.assumeTrue(Files.isExecutable(script), "deploy/ci/register-atom.sh is next to this module");
        String name = "journey-script-" + Stack.unique();
        Path file = Files.createTempFile("descriptor", ".json");
        Files.writeString(file, "{\"name\":\"" + name + "\",\"version\":\"1.0.0\"," + descriptor("scripted", 'e', HTTP_POINTS).strip().substring(1));
        for (int run = 0; run < 2; run++) {
            var pb = new ProcessBuilder("bash", script.toString(), file.toString());
            pb.environment().put("PLUGIN_API_URL", Stack.GATEWAY);
            pb.environment().put("PLUGIN_TOKEN_URL", Stack.REALM + "/protocol/openid-connect/token");
            pb.environment().put("PLUGIN_CI_CLIENT_ID", CI_ALICE);
            pb.environment().put("PLUGIN_CI_CLIENT_SECRET", CI_ALICE_SECRET);
            pb.redirectErrorStream(true);
            Process p = pb.start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).startsWith(run == 0 ? "CREATED" : "UNCHANGED");
        }
        Files.deleteIfExists(file);
    }
}
