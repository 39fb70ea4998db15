package org.plugin.e2e;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Where the stack started by deploy/local/up answers, and real tokens from its provider.
 * URLs come from the environment (the same variables up reads), with up's defaults.
 */
public final class Stack {

    public static final String GATEWAY = env("PLUGIN_GATEWAY_URL", "http://127.0.0.1:" + env("GATEWAY_PORT", "8080"));
    public static final String KEYCLOAK = env("PLUGIN_KEYCLOAK_URL", "http://127.0.0.1:" + env("KEYCLOAK_PORT", "8180"));
    public static final String REALM = KEYCLOAK + "/realms/plugin";
    public static final String CONTRIBUTOR_SERVICE = "http://127.0.0.1:" + env("CONTRIBUTOR_PORT", "8081");
    public static final String ATOM_SERVICE = "http://127.0.0.1:" + env("ATOM_PORT", "8082");
    public static final String PRIVACY_SERVICE = "http://127.0.0.1:" + env("PRIVACY_PORT", "8083");

    /** Demo users of deploy/keycloak/plugin-realm.json (passwords in the README). */
    public static final String ADMIN = "admin", ALICE = "alice", BOB = "bob";

    private Stack() {
    }

    /** A user's access token, by the password grant of the public frontend client (demos and tests only). */
    public static String userToken(String username) {
        return given().baseUri(REALM).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "plugin-frontend")
                .formParam("username", username).formParam("password", username)
                .formParam("scope", "openid")
                .when().post("/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** A confidential client's client-credentials token (services, CI). */
    public static String clientToken(String clientId, String secret) {
        return given().baseUri(REALM).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret)
                .when().post("/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** Requests through the gateway, the single entry point. */
    public static RequestSpecification gateway() {
        return new RequestSpecBuilder().setBaseUri(GATEWAY).build();
    }

    /** Requests through the gateway with a bearer token. */
    public static RequestSpecification gateway(String token) {
        return new RequestSpecBuilder().setBaseUri(GATEWAY).addHeader("Authorization", "Bearer " + token).build();
    }

    /**
     * Creates a fresh user in the realm (role {@code user} comes from the realm's default roles)
     * through Keycloak's admin API, so journeys can run again on the same stack; returns the username,
     * whose password is the username too.
     */
    public static String newUser(String prefix) {
        String username = prefix + "-" + unique();
        String adminToken = given().baseUri(KEYCLOAK).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", env("KEYCLOAK_ADMIN", "kcadmin"))
                .formParam("password", env("KEYCLOAK_ADMIN_PASSWORD", "kcadmin"))
                .when().post("/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        given().baseUri(KEYCLOAK).auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(java.util.Map.of("username", username, "enabled", true, "email", username + "@example.org",
                        "emailVerified", true, "firstName", "E2e", "lastName", "User",
                        "credentials", java.util.List.of(java.util.Map.of("type", "password", "value", username, "temporary", false))))
                .when().post("/admin/realms/plugin/users")
                .then().statusCode(201);
        return username;
    }

    /** A suffix that makes names unique per run, so the suite can run again on the same stack. */
    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
