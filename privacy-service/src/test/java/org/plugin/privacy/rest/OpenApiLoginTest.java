package org.plugin.privacy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The document tells a client how to log in (common's LoginSecurityFilter): an OAuth2
 * authorization-code scheme against the realm the service trusts, offered beside the pasted bearer
 * token on every secured operation of the public API (internal ones keep the bearer token only), and
 * {@code security: []} on the public ones, so that Swagger UI and generated clients send no token there.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class OpenApiLoginTest {

    static final Set<String> PUBLIC = Set.of("GET /api/privacy/notice", "GET /api/privacy/notice/versions/{version}",
            "GET /api/privacy/cookies");

    JsonPath document() {
        return given().when().get("/api/privacy/openapi?format=json").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theOAuth2SchemePointsAtTheRealmTheServiceTrusts() {
        // %test.plugin.openapi.login-realm-url (with a trailing slash, which the URLs do not double)
        String realm = ConfigProvider.getConfig().getValue("plugin.openapi.login-realm-url", String.class);
        assertThat(realm).isEqualTo("https://login.example.org/realms/plugin/");
        realm = "https://login.example.org/realms/plugin";
        JsonPath document = document();
        assertThat(document.getString("components.securitySchemes.oauth2.type")).isEqualTo("oauth2");
        assertThat(document.getMap("components.securitySchemes.oauth2.flows")).containsOnlyKeys("authorizationCode");
        assertThat(document.getMap("components.securitySchemes.oauth2.flows.authorizationCode"))
                .containsEntry("authorizationUrl", realm + "/protocol/openid-connect/auth")
                .containsEntry("tokenUrl", realm + "/protocol/openid-connect/token")
                .containsEntry("scopes", Map.of("openid", "OpenID Connect: who the user is"));
        assertThat(document.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
    }

    @Test
    void publicOperationsSayNoTokenAndEverySecuredOneOffersBothSchemes() {
        Map<String, List<Object>> secured = new TreeMap<>();
        Map<String, Map<String, Object>> paths = document().getMap("paths");
        paths.forEach((path, methods) -> methods.forEach((method, value) -> {
            if (!Set.of("get", "post", "put", "patch", "delete").contains(method) || !(value instanceof Map<?, ?> operation)) {
                return;
            }
            List<Object> security = operation.get("security") instanceof List<?> list ? List.copyOf(list) : null;
            String key = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
            assertThat(security).as(key + ": security").isNotNull();
            if (path.startsWith("/internal/")) {
                assertThat(security).as(key + ": services only, no user login")
                        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys("bearer");
            } else if (PUBLIC.contains(key)) {
                assertThat(security).as(key).isEmpty();
            } else {
                secured.put(key, security);
            }
        }));
        assertThat(secured).isNotEmpty();
        // either the pasted token (with the roles the operation needs, when it names them) or the login
        assertThat(secured).allSatisfy((key, security) -> {
            assertThat(security).as(key).hasSize(2).contains(Map.of("oauth2", List.of()));
            assertThat(security).as(key).anySatisfy(requirement -> assertThat(requirement)
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys("bearer"));
        });
    }
}
