package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Issue 10's journeys through the gateway, with the real identity provider: the login account
 * follows the contributor (names and email written through, one truth; what it holds shown in the
 * ACCESS document), deactivation disables it at once (no new token), and the erasure deletes it as
 * its third confirmed step, also when Keycloak is down for a while during the erasure. Nothing of the
 * person is left in the databases, the provider or the exports.
 */
class IdentityProviderJourneyTest {

    static final String CONTRIBUTORS = "/api/contributors";
    static final String REQUESTS = "/api/privacy/requests";
    static final String JOBS = "/api/privacy/erasure-jobs";
    static final ObjectMapper JSON = new ObjectMapper();

    /** The password grant of the public frontend client: 200 with tokens, or the provider's refusal. */
    static Response login(String username) {
        return given().baseUri(Stack.REALM).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "plugin-frontend")
                .formParam("username", username).formParam("password", Stack.password(username)).formParam("scope", "openid")
                .when().post("/protocol/openid-connect/token");
    }

    static Response refresh(String refreshToken) {
        return given().baseUri(Stack.REALM).contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token").formParam("client_id", "plugin-frontend").formParam("refresh_token", refreshToken)
                .when().post("/protocol/openid-connect/token");
    }

    static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void register(Stack.User user, String firstName, String lastName) {
        given(Stack.gateway(user.token())).contentType(ContentType.JSON)
                .body(Map.of("accountName", user.username(), "firstName", firstName, "lastName", lastName, "email", user.email()))
                .when().post(CONTRIBUTORS).then().statusCode(201);
    }

    static void deactivate(String token) {
        given(Stack.gateway(token)).when().post(CONTRIBUTORS + "/me/deactivation").then().statusCode(200);
    }

    record Access(String requestId, JsonPath document) {
    }

    /** A new ACCESS request of the token's user, and its document once privacy-service made it. */
    static Access access(String token) {
        String id = given(Stack.gateway(token)).contentType(ContentType.JSON).body("{\"type\":\"ACCESS\"}")
                .when().post(REQUESTS).then().statusCode(anyOf(is(200), is(201))).extract().path("id");
        PrivacyJourneyTest.await("the ACCESS request to complete", () -> "COMPLETED".equals(given(Stack.gateway(token))
                .when().get(REQUESTS + "/" + id).then().statusCode(200).extract().path("status")));
        return new Access(id, given(Stack.gateway(token)).when().get(REQUESTS + "/" + id + "/export").then().statusCode(200).extract().jsonPath());
    }

    /** The provider's representation of the user (its admin API), or null once it has none. */
    static JsonPath account(String userId) {
        Response r = given(Stack.keycloakAdmin()).when().get("/users/" + userId);
        if (r.statusCode() == 404) {
            return null;
        }
        assertThat(r.statusCode()).isEqualTo(200);
        return r.jsonPath();
    }

    static String userId(String username) {
        List<String> ids = given(Stack.keycloakAdmin()).queryParam("username", username).queryParam("exact", true)
                .when().get("/users").then().statusCode(200).extract().path("id");
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    /** Moves privacy-service's clock past the grace period (on the service itself, never through the gateway). */
    static void pastTheGracePeriod(String admin) {
        given().baseUri(Stack.PRIVACY_SERVICE).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("by", PrivacyJourneyTest.PAST_GRACE)).when().post("/internal/clock/advance").then().statusCode(200);
    }

    static void resetClock(String admin) {
        given().baseUri(Stack.PRIVACY_SERVICE).auth().oauth2(admin).when().post("/internal/clock/reset");
    }

    static String contributorId(String token) {
        return given(Stack.gateway(token)).when().get(CONTRIBUTORS + "/me").then().statusCode(200).extract().path("id");
    }

    /** Nothing of the person in any table of the three databases. */
    static void goneFromTheDatabases(String... values) {
        for (String value : values) {
            assertThat(Databases.holding(value)).as("tables holding '%s'", value).isEmpty();
        }
    }

    @Test
    void theLoginAccountFollowsTheContributorIsDisabledAtDeactivationAndDeletedByTheErasure() {
        Stack.User user = Stack.newPerson("idp");
        Response firstLogin = login(user.username());
        firstLogin.then().statusCode(200);
        String token = firstLogin.path("access_token");
        String refreshToken = firstLogin.path("refresh_token");
        String firstName = Stack.personName("Idpfirst");
        String lastName = Stack.personName("Idplast");
        String userId = userId(user.username());
        assertThat(claims(token).get("sub").asText()).isEqualTo(userId);

        // registration: the provider's account takes the names given to contributor-service (one truth)
        register(user, firstName, lastName);
        JsonPath kc = account(userId);
        assertThat(kc.getString("firstName")).isEqualTo(firstName);
        assertThat(kc.getString("lastName")).isEqualTo(lastName);
        assertThat(kc.getString("email")).isEqualTo(user.email());

        // rectification: written through in the same request, the next token says it too
        String newEmail = "idp-rectified-" + Stack.unique() + "@example.net";
        Stack.remember(newEmail);
        given(Stack.gateway(token)).contentType(ContentType.JSON).body(Map.of("email", newEmail))
                .when().patch(CONTRIBUTORS + "/me").then().statusCode(200).body("email", equalTo(newEmail));
        assertThat(account(userId).getString("email")).isEqualTo(newEmail);
        Response secondLogin = login(user.username());
        secondLogin.then().statusCode(200);
        assertThat(claims(secondLogin.path("access_token")).get("email").asText()).isEqualTo(newEmail);

        // ACCESS: what the identity provider holds, next to contributor-service's record, both with the new email
        Access access = access(token);
        JsonPath document = access.document();
        assertThat(document.getString("personalData.profile.email")).isEqualTo(newEmail);
        assertThat(document.getBoolean("identityProvider.registeredAccount")).isTrue();
        assertThat(document.getString("identityProvider.account.username")).isEqualTo(user.username());
        assertThat(document.getString("identityProvider.account.email")).isEqualTo(newEmail);
        assertThat(document.getString("identityProvider.account.firstName")).isEqualTo(firstName);
        assertThat(document.getString("identityProvider.account.lastName")).isEqualTo(lastName);
        assertThat(document.getBoolean("identityProvider.account.enabled")).isTrue();
        assertThat(Instant.parse(document.getString("identityProvider.account.createdAt"))).isBefore(Instant.now());
        assertThat(document.getList("identityProvider.account.requiredActions")).isEmpty();
        assertThat(document.getList("identityProvider.account.sessions")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(document.getList("identityProvider.account.sessions.clients.flatten()")).contains("plugin-frontend");
        assertThat(Instant.parse(document.getString("identityProvider.account.sessions[0].startedAt"))).isBefore(Instant.now());
        assertThat(document.getString("processing.holders[0].purpose")).contains("login sessions");
        assertThat(document.getString("processing.holders[0].legalBasis")).contains("Legitimate interest");
        assertThat(document.getString("processing.holders[0].retention")).contains("deleted with the rest of the data");
        String accessRequest = access.requestId();

        // deactivation: the account is disabled and its sessions ended before the answer; no new token
        deactivate(token);
        login(user.username()).then().statusCode(400).body("error", equalTo("invalid_grant"));
        refresh(refreshToken).then().statusCode(400).body("error", equalTo("invalid_grant"));
        assertThat(account(userId).getBoolean("enabled")).isFalse();
        given(Stack.keycloakAdmin()).when().get("/users/" + userId + "/sessions").then().statusCode(200).body("size()", equalTo(0));

        // the erasure, past the grace period: three confirmed steps, the account deleted
        String admin = Stack.userToken(Stack.ADMIN);
        String contributorId = document.getString("subject.contributorId");
        String[] jobId = new String[1];
        PrivacyJourneyTest.await("the erasure job", () -> (jobId[0] = PrivacyJourneyTest.findJob(admin, contributorId)) != null);
        pastTheGracePeriod(admin);
        try {
            PrivacyJourneyTest.await("the erasure job to complete", () -> "COMPLETED".equals(given(Stack.gateway(admin))
                    .when().get(JOBS + "/" + jobId[0]).then().statusCode(200).extract().path("status")));
            JsonPath job = given(Stack.gateway(admin)).when().get(JOBS + "/" + jobId[0]).then().statusCode(200)
                    .body("services.service", equalTo(List.of("contributor-service", "atom-service", "identity-provider")))
                    .body("services.status", equalTo(List.of("CONFIRMED", "CONFIRMED", "CONFIRMED"))).extract().jsonPath();
            assertThat(Instant.parse(job.getString("completedAt"))).isBefore(Instant.parse(job.getString("deadline")));
            given(Stack.gateway(admin)).when().get(JOBS + "/" + jobId[0] + "/certificate").then().statusCode(200)
                    .body("confirmations.service", hasItem("identity-provider")).body("completedBeforeDeadline", equalTo(true));

            // the provider has no such user any more, under any of its names
            given(Stack.keycloakAdmin()).when().get("/users/" + userId).then().statusCode(404);
            for (String search : List.of(user.username(), newEmail, user.email(), lastName)) {
                given(Stack.keycloakAdmin()).queryParam("search", search).when().get("/users").then().statusCode(200).body("size()", equalTo(0));
            }
            // nor any database of the stack, nor an export
            goneFromTheDatabases(user.username(), user.email(), newEmail, firstName, lastName, user.firstName(), user.lastName());
            Response export = given(Stack.gateway(admin)).when().get(REQUESTS + "/" + accessRequest + "/export");
            assertThat(export.statusCode()).isIn(404, 410);
            assertThat(export.asString()).doesNotContain(newEmail).doesNotContain(firstName);
        } finally {
            resetClock(admin);
        }
    }

    @Test
    void withTheIdentityProviderStoppedDuringTheErasureTheStepRetriesAndCompletesOnceItIsBack() throws Exception {
        Path pidFile = Stack.runDir().resolve("pids").resolve("keycloak.pid");
        Path up = Stack.runDir().getParent().resolve("deploy").resolve("local").resolve("up");
        Assumptions.assumeTrue(Files.isReadable(pidFile) && Files.isExecutable(up),
                "Keycloak was started by deploy/local/up in this checkout, which can start it again");

        Stack.User user = Stack.newPerson("idpdown");
        String token = user.token();
        register(user, Stack.personName("Downfirst"), Stack.personName("Downlast"));
        String contributorId = contributorId(token);
        String userId = userId(user.username());
        deactivate(token);
        String admin = Stack.userToken(Stack.ADMIN);
        String[] jobId = new String[1];
        PrivacyJourneyTest.await("the erasure job", () -> (jobId[0] = PrivacyJourneyTest.findJob(admin, contributorId)) != null);

        // Keycloak stops; the admin's token stays valid for the services, which checked its keys already
        String[] whileDown = new String[1];
        try {
            stopKeycloak(pidFile);
            pastTheGracePeriod(admin);
            // the job runs and cannot finish: the provider (or the service token it needs) is out of reach
            PrivacyJourneyTest.await("a failed attempt while Keycloak is down", () -> {
                JsonPath job = given().baseUri(Stack.PRIVACY_SERVICE).auth().oauth2(admin).when().get(JOBS + "/" + jobId[0])
                        .then().statusCode(200).extract().jsonPath();
                whileDown[0] = job.prettify();
                return "RETRYING".equals(job.getString("status")) && job.getString("lastError") != null;
            });
            JsonPath job = JsonPath.from(whileDown[0]);
            assertThat(job.getString("services[2].service")).isEqualTo("identity-provider");
            assertThat(job.getString("services[2].status")).as(whileDown[0]).isIn("FAILED", "PENDING");
            if ("CONFIRMED".equals(job.getString("services[0].status"))) {
                // contributor-service was reached: the provider's step was tried, and failed for its being down
                assertThat(job.getString("services[2].status")).as(whileDown[0]).isEqualTo("FAILED");
                assertThat(job.getString("services[2].lastError")).as(whileDown[0]).contains("identity-provider");
            }
        } finally {
            startKeycloak(up);
        }
        try {
            String freshAdmin = Stack.userToken(Stack.ADMIN);
            PrivacyJourneyTest.await("the erasure job to complete once Keycloak is back", () -> "COMPLETED".equals(given(Stack.gateway(freshAdmin))
                    .when().get(JOBS + "/" + jobId[0]).then().statusCode(200).extract().path("status")));
            JsonPath done = given(Stack.gateway(freshAdmin)).when().get(JOBS + "/" + jobId[0]).then().statusCode(200)
                    .body("services.status", equalTo(List.of("CONFIRMED", "CONFIRMED", "CONFIRMED"))).extract().jsonPath();
            assertThat(done.getInt("attempts")).as("the job was retried").isGreaterThanOrEqualTo(2);
            assertThat(Instant.parse(done.getString("completedAt"))).isBefore(Instant.parse(done.getString("deadline")));
            given(Stack.keycloakAdmin()).when().get("/users/" + userId).then().statusCode(404);
        } finally {
            resetClock(Stack.userToken(Stack.ADMIN));
        }
    }

    /**
     * Stops the process group deploy/local/up started Keycloak in, and waits until its port is closed.
     * Its log so far is kept beside it first (up starts a new one), for StackLogsTest to read.
     */
    static void stopKeycloak(Path pidFile) throws Exception {
        Path log = Stack.runDir().resolve("logs").resolve("keycloak.log");
        if (Files.isReadable(log)) {
            Files.copy(log, log.resolveSibling("keycloak-before-restart.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String pid = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
        assertThat(pid).matches("[0-9]+");
        new ProcessBuilder("kill", "-TERM", "--", "-" + pid).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        URI keycloak = URI.create(Stack.KEYCLOAK);
        Instant until = Instant.now().plus(Duration.ofSeconds(40));
        while (listening(keycloak)) {
            if (Instant.now().isAfter(until)) {
                new ProcessBuilder("kill", "-KILL", "--", "-" + pid).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
                break;
            }
            Thread.sleep(500);
        }
        assertThat(listening(keycloak)).as("Keycloak stopped").isFalse();
        // its port closes before its process ends: deploy/local/up would take a process still ending for
        // a running Keycloak and then find it gone, so the start waits until the process is gone as well
        long keycloakPid = Long.parseLong(pid);
        Instant killAt = Instant.now().plus(Duration.ofSeconds(30));
        Instant giveUp = killAt.plus(Duration.ofSeconds(10));
        boolean killed = false;
        while (ProcessHandle.of(keycloakPid).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(giveUp)) {
            if (!killed && Instant.now().isAfter(killAt)) {
                new ProcessBuilder("kill", "-KILL", "--", "-" + pid).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
                killed = true;
            }
            Thread.sleep(200);
        }
    }

    /** Starts what is not running again (Keycloak), as deploy/local/up does, with the jars already built. */
    static void startKeycloak(Path up) throws Exception {
        Path log = Files.createTempFile("keycloak-restart", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", up.toString()).directory(up.getParent().getParent().getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SKIP_BUILD", "1");
        Process p = pb.start();
        boolean ended = p.waitFor(300, TimeUnit.SECONDS);
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(ended && p.exitValue() == 0).as("deploy/local/up restarting Keycloak:\n" + output).isTrue();
    }

    static boolean listening(URI uri) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
