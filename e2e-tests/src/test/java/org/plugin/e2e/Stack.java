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

    /**
     * The password of a user of the stack: the username for the demo users (imported as hashes), the
     * username plus a suffix for users made by {@link #newUser}, as the realm's password policy refuses
     * a password equal to the username or shorter than 12 characters.
     */
    public static String password(String username) {
        return ADMIN.equals(username) || ALICE.equals(username) || BOB.equals(username) ? username : username + "#Secret";
    }

    /** A user's access token, by the password grant of the public frontend client (demos and tests only). */
    public static String userToken(String username) {
        return given().baseUri(REALM).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "plugin-frontend")
                .formParam("username", username).formParam("password", password(username))
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

    /** A user created in the realm by this run, and the personal data it was given. */
    public record User(String username, String email, String firstName, String lastName) {
        public String token() {
            return userToken(username);
        }
    }

    /**
     * Creates a fresh user in the realm (role {@code user} comes from the realm's default roles)
     * through Keycloak's admin API, so journeys can run again on the same stack; returns the username
     * (its password: {@link #password}).
     */
    public static String newUser(String prefix) {
        return newPerson(prefix).username();
    }

    /**
     * Like {@link #newUser}, with the whole person: username, email and names unique to this run,
     * remembered as personal data the stack's logs must never hold.
     */
    public static User newPerson(String prefix) {
        String username = prefix + "-" + unique();
        User user = new User(username, username + "@example.org", personName("Kcfirst"), personName("Kclast"));
        remember(user.username(), user.email(), user.firstName(), user.lastName());
        given().baseUri(KEYCLOAK).auth().oauth2(keycloakAdminToken()).contentType(ContentType.JSON)
                .body(java.util.Map.of("username", username, "enabled", true, "email", user.email(),
                        "emailVerified", true, "firstName", user.firstName(), "lastName", user.lastName(),
                        "credentials", java.util.List.of(java.util.Map.of("type", "password", "value", password(username), "temporary", false))))
                .when().post("/admin/realms/plugin/users")
                .then().statusCode(201);
        return user;
    }

    // --- personal data this run created: the stack's logs must hold none of it (StackLogsTest) ---

    private static final java.util.Set<String> PERSONAL_DATA = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Remembers values that are personal data (names, account names, emails, text users typed). */
    public static void remember(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                PERSONAL_DATA.add(value);
            }
        }
    }

    /** Everything {@link #remember}ed by the journeys that ran before. */
    public static java.util.Set<String> personalData() {
        return java.util.Set.copyOf(PERSONAL_DATA);
    }

    /**
     * A first or last name unique to this run: {@code prefix} and random lowercase letters (names are
     * letters), remembered as personal data.
     */
    public static String personName(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        remember(name.toString());
        return name.toString();
    }

    private static String adminToken;
    private static long adminTokenUntil;

    /**
     * A token of Keycloak's own administrator (master realm; it lives 60 s, and is reused for 30 s),
     * for the admin API of the realm.
     */
    public static synchronized String keycloakAdminToken() {
        if (adminToken == null || System.currentTimeMillis() > adminTokenUntil) {
            adminToken = given().baseUri(KEYCLOAK).contentType(ContentType.URLENC)
                    .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                    .formParam("username", env("KEYCLOAK_ADMIN", "kcadmin"))
                    .formParam("password", env("KEYCLOAK_ADMIN_PASSWORD", "kcadmin"))
                    .when().post("/realms/master/protocol/openid-connect/token")
                    .then().statusCode(200).extract().path("access_token");
            adminTokenUntil = System.currentTimeMillis() + 30_000;
        }
        return adminToken;
    }

    /** Requests to the realm's admin API ({@code /admin/realms/plugin}) as Keycloak's administrator. */
    public static RequestSpecification keycloakAdmin() {
        return new RequestSpecBuilder().setBaseUri(KEYCLOAK + "/admin/realms/plugin")
                .addHeader("Authorization", "Bearer " + keycloakAdminToken()).build();
    }

    /** A suffix that makes names unique per run, so the suite can run again on the same stack. */
    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The stack's run directory ({@code .run/} at the repository root, where deploy/local/up keeps pids and logs). */
    public static java.nio.file.Path runDir() {
        return java.nio.file.Path.of(env("PLUGIN_RUN_DIR", java.nio.file.Path.of("..", ".run").toString())).toAbsolutePath().normalize();
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
