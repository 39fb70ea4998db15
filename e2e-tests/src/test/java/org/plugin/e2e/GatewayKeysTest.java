package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * The gateway verifies signatures with the provider's keys it holds on disk (deploy/gateway/keys),
 * not with a cache that runs out while the provider is unreachable. When the provider starts signing
 * with a key the gateway does not hold, the first token that names it makes the gateway fetch the
 * provider's keys at once, instead of waiting for its periodic check (a minute).
 */
class GatewayKeysTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNewSigningKeyOfTheProviderIsFetchedAsSoonAsATokenNamesIt() throws Exception {
        String admin = keycloakAdminToken();
        String before = Stack.userToken(Stack.ALICE);
        String realmId = given().baseUri(Stack.KEYCLOAK).auth().oauth2(admin)
                .when().get("/admin/realms/plugin").then().statusCode(200).extract().path("id");

        // a new RSA key, of a higher priority than the realm's: Keycloak signs with it from now on
        String location = given().baseUri(Stack.KEYCLOAK).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "e2e-rotation-" + Stack.unique(), "providerId", "rsa-generated",
                        "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                        "config", Map.of("priority", List.of("1000"), "enabled", List.of("true"),
                                "active", List.of("true"), "algorithm", List.of("RS256"), "keySize", List.of("2048"))))
                .when().post("/admin/realms/plugin/components")
                .then().statusCode(201).extract().header("Location");
        try {
            String after = Stack.userToken(Stack.ALICE);
            assertThat(kid(after)).as("the provider signs with the new key").isNotEqualTo(kid(before));

            // a token of the old key still passes: the old key is still published
            given().spec(Stack.gateway(before)).when().get("/api/atoms").then().statusCode(200);

            // the new key reaches the gateway within seconds, far sooner than its periodic check
            Instant start = Instant.now();
            int status = 0;
            while (Duration.between(start, Instant.now()).getSeconds() < 20) {
                status = given().spec(Stack.gateway(after)).when().get("/api/atoms").statusCode();
                if (status == 200) {
                    break;
                }
                assertThat(status).as("until the key arrives, the gateway refuses the token").isEqualTo(401);
                Thread.sleep(250);
            }
            assertThat(status).isEqualTo(200);
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        } finally {
            endRotation(location);
        }
        // back to the realm's own key: its tokens pass as before
        given().spec(Stack.gateway(Stack.userToken(Stack.ALICE))).when().get("/api/atoms").then().statusCode(200);
    }

    /**
     * Ends the rotation as an operator does: the key stops signing but stays published (passive), so
     * what it signed meanwhile stays valid until it expires. Deleting it would revoke those tokens, the
     * services' own client-credentials tokens among them, which they keep sending until they renew them:
     * the journeys after this test got 503s from a replica that had never verified such a token.
     */
    @SuppressWarnings("unchecked")
    static void endRotation(String location) {
        String admin = keycloakAdminToken();
        Map<String, Object> component = given().baseUri(Stack.KEYCLOAK).auth().oauth2(admin).when().get(location)
                .then().statusCode(200).extract().as(Map.class);
        // the private key comes back masked; Keycloak keeps a masked value as it is
        Map<String, Object> config = new HashMap<>((Map<String, Object>) component.get("config"));
        config.put("active", List.of("false"));
        component.put("config", config);
        given().baseUri(Stack.KEYCLOAK).auth().oauth2(admin).contentType(ContentType.JSON).body(component).when().put(location)
                .then().statusCode(204);
    }

    static String kid(String jwt) throws Exception {
        JsonNode header = JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
        return header.path("kid").asText();
    }

    static String keycloakAdminToken() {
        return given().baseUri(Stack.KEYCLOAK).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", System.getenv().getOrDefault("KEYCLOAK_ADMIN", "kcadmin"))
                .formParam("password", System.getenv().getOrDefault("KEYCLOAK_ADMIN_PASSWORD", "kcadmin"))
                .when().post("/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
