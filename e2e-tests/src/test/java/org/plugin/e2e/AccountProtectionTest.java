package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The accounts of the real realm are protected: wrong passwords lock an account for a while (brute
 * force detection, the parameters of deploy/README.md), a refresh token works once (rotation), events
 * are kept for a bounded time without representations, and Keycloak's log does not name the users.
 */
class AccountProtectionTest {

    /** Keycloak's log as deploy/local/up writes it (the suite runs in e2e-tests/). */
    static final Path KEYCLOAK_LOG = Path.of(Stack.env("PLUGIN_KEYCLOAK_LOG", "../.run/logs/keycloak.log"));
    static final int WEEK = 7 * 24 * 3600;

    static Response passwordGrant(String username, String password) {
        return given().baseUri(Stack.REALM).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "plugin-frontend")
                .formParam("username", username).formParam("password", password).formParam("scope", "openid")
                .when().post("/protocol/openid-connect/token");
    }

    static Response refresh(String refreshToken) {
        return given().baseUri(Stack.REALM).contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token").formParam("client_id", "plugin-frontend")
                .formParam("refresh_token", refreshToken)
                .when().post("/protocol/openid-connect/token");
    }

    static String userId(String username) {
        return given(Stack.keycloakAdmin()).queryParam("username", username).queryParam("exact", true)
                .when().get("/users").then().statusCode(200).extract().path("[0].id");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void wrongPasswordsLockTheAccountForAWhileThenItUnlocks() throws IOException {
        JsonPath realm = given(Stack.keycloakAdmin()).when().get("").then().statusCode(200).extract().jsonPath();
        // the production parameters of the realm file; only the first wait is shortened in the local stack
        assertThat(realm.getBoolean("bruteForceProtected")).isTrue();
        assertThat(realm.getBoolean("permanentLockout")).isFalse();
        assertThat(realm.getInt("failureFactor")).isEqualTo(5);
        assertThat(realm.getInt("maxFailureWaitSeconds")).isEqualTo(900);
        assertThat(realm.getInt("maxDeltaTimeSeconds")).isEqualTo(43200);
        assertThat(realm.getInt("quickLoginCheckMilliSeconds")).isEqualTo(1000);
        assertThat(realm.getInt("minimumQuickLoginWaitSeconds")).isEqualTo(60);
        int failures = realm.getInt("failureFactor");
        int wait = realm.getInt("waitIncrementSeconds");
        assertThat(wait).isBetween(1, 60);

        String username = Stack.newUser("lockout");
        String id = userId(username);
        for (int i = 0; i < failures; i++) {
            passwordGrant(username, "not the password " + i).then().statusCode(401).body("error", equalTo("invalid_grant"));
            // slower than the quick-login check (1 s), which would lock for a whole minute
            sleep(realm.getInt("quickLoginCheckMilliSeconds") + 400L);
        }
        long lockedAt = System.currentTimeMillis();

        // locked: the right password is refused too, with the same answer as a wrong one
        passwordGrant(username, Stack.password(username)).then().statusCode(401).body("error", equalTo("invalid_grant"));
        given(Stack.keycloakAdmin()).when().get("/attack-detection/brute-force/users/{id}", id)
                .then().statusCode(200).body("disabled", equalTo(true)).body("numFailures", equalTo(failures));

        // unlocked once the wait is over
        sleep(Math.max(0, lockedAt + wait * 1000L + 1500 - System.currentTimeMillis()));
        passwordGrant(username, Stack.password(username)).then().statusCode(200);

        // Keycloak logged the failures without the username (no jboss-logging event listener)
        assertThat(KEYCLOAK_LOG).exists();
        assertThat(Files.readString(KEYCLOAK_LOG, StandardCharsets.UTF_8)).doesNotContain(username);
    }

    @Test
    void aRefreshTokenIsRefusedTheSecondTime() {
        String username = Stack.newUser("refresh");
        String first = passwordGrant(username, Stack.password(username)).then().statusCode(200).extract().path("refresh_token");

        String second = refresh(first).then().statusCode(200).extract().path("refresh_token");
        assertThat(second).isNotEqualTo(first);

        refresh(first).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void eventsAreBoundedCarryNoRepresentationAndOutliveTheDeletedUser() {
        JsonPath config = given(Stack.keycloakAdmin()).when().get("/events/config").then().statusCode(200).extract().jsonPath();
        assertThat(config.getBoolean("eventsEnabled")).isTrue();
        assertThat(config.getLong("eventsExpiration")).isEqualTo(WEEK);
        assertThat(config.getList("eventsListeners", String.class)).doesNotContain("jboss-logging");
        assertThat(config.getList("enabledEventTypes", String.class))
                .contains("LOGIN", "LOGIN_ERROR", "USER_DISABLED_BY_TEMPORARY_LOCKOUT")
                // the types whose details carry an email or names
                .doesNotContain("REGISTER", "UPDATE_EMAIL", "SEND_VERIFY_EMAIL", "VERIFY_EMAIL", "UPDATE_PROFILE");
        assertThat(config.getBoolean("adminEventsEnabled")).isTrue();
        assertThat(config.getBoolean("adminEventsDetailsEnabled")).isFalse();
        Map<String, Object> attributes = given(Stack.keycloakAdmin()).when().get("").then().statusCode(200)
                .extract().path("attributes");
        assertThat(attributes).containsEntry("adminEventsExpiration", String.valueOf(WEEK));

        // a user logs in, then is deleted (as the erasure does): their login events stay until they expire
        String username = Stack.newUser("events");
        String id = userId(username);
        passwordGrant(username, Stack.password(username)).then().statusCode(200);
        given(Stack.keycloakAdmin()).when().delete("/users/{id}", id).then().statusCode(204);

        List<Map<String, Object>> events = given(Stack.keycloakAdmin()).queryParam("user", id).queryParam("type", "LOGIN")
                .when().get("/events").then().statusCode(200).extract().path("$");
        assertThat(events).as("Keycloak keeps a deleted user's events: only their expiry removes them").isNotEmpty();

        // the admin event of the deletion names the resource, without a representation
        List<Map<String, Object>> adminEvents = given(Stack.keycloakAdmin()).queryParam("resourcePath", "users/" + id)
                .queryParam("operationTypes", "DELETE")
                .when().get("/admin-events").then().statusCode(200).extract().path("$");
        assertThat(adminEvents).hasSize(1);
        assertThat(adminEvents.get(0).get("representation")).isNull();
    }
}
