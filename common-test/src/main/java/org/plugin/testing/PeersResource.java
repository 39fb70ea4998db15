package org.plugin.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One WireMock server standing in for the other services, for the provider's token endpoint and for
 * its admin API ({@code /admin/realms/plugin/...}).
 * The services' internal APIs have distinct prefixes ({@code /internal/contributors},
 * {@code /internal/atoms}, {@code /internal/privacy}), so one server plays them all; tests stub the
 * calls they expect and verify what was sent. The OIDC client of the service under test gets its
 * client-credentials token from {@code /token} here.
 */
public class PeersResource implements QuarkusTestResourceLifecycleManager {

    /** Where the identity provider's admin API answers on the WireMock server (Keycloak's path for realm plugin). */
    public static final String IDENTITY_PROVIDER_ADMIN = "/admin/realms/plugin";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        stubTokenEndpoint(server);
        stubDefaults(server);
        String url = server.baseUrl();
        return Map.of(
                "quarkus.oidc-client.auth-server-url", url,
                "quarkus.oidc-client.discovery-enabled", "false",
                "quarkus.oidc-client.token-path", url + "/token",
                "quarkus.rest-client.contributor-service.url", url,
                "quarkus.rest-client.atom-service.url", url,
                "quarkus.rest-client.privacy-service.url", url,
                // the identity provider's admin API (Keycloak), for the services that call it
                "quarkus.rest-client.identity-provider.url", url + IDENTITY_PROVIDER_ADMIN);
    }

    /** Re-creates the token stub, for tests that call {@code resetAll()} on the server. */
    public static void stubTokenEndpoint(WireMockServer server) {
        server.stubFor(post(urlEqualTo("/token")).atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + TestTokens.service("peer-caller")
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
    }

    /**
     * What the peers answer when a test stubbed nothing more precise (priority 10, below any test's):
     * the identity provider's admin API knows no account to read ({@code 404 User not found}) but accepts
     * an account update, the end of its sessions and its deletion ({@code 204}); atom-service accepts a
     * restriction change.
     */
    public static void stubDefaults(WireMockServer server) {
        String user = IDENTITY_PROVIDER_ADMIN + "/users/[^/?]+";
        server.stubFor(get(urlMatching(user + "(/sessions)?")).atPriority(10).willReturn(userNotFound()));
        server.stubFor(put(urlMatching(user)).atPriority(10).willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlMatching(user + "/logout")).atPriority(10).willReturn(aResponse().withStatus(204)));
        server.stubFor(delete(urlMatching(user)).atPriority(10).willReturn(aResponse().withStatus(204)));
        server.stubFor(put(urlMatching("/internal/atoms/contributors/[^/]+/restriction")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
    }

    /** Keycloak's answer for a user id it does not know. */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder userNotFound() {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{\"error\":\"User not found\"}");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectPeers.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
