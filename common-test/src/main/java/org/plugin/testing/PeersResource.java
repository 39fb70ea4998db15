package org.plugin.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One WireMock server standing in for the other services and for the provider's token endpoint.
 * The services' internal APIs have distinct prefixes ({@code /internal/contributors},
 * {@code /internal/atoms}, {@code /internal/privacy}), so one server plays them all; tests stub the
 * calls they expect and verify what was sent. The OIDC client of the service under test gets its
 * client-credentials token from {@code /token} here.
 */
public class PeersResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        stubTokenEndpoint(server);
        String url = server.baseUrl();
        return Map.of(
                "quarkus.oidc-client.auth-server-url", url,
                "quarkus.oidc-client.discovery-enabled", "false",
                "quarkus.oidc-client.token-path", url + "/token",
                "quarkus.rest-client.contributor-service.url", url,
                "quarkus.rest-client.atom-service.url", url,
                "quarkus.rest-client.privacy-service.url", url);
    }

    /** Re-creates the token stub, for tests that call {@code resetAll()} on the server. */
    public static void stubTokenEndpoint(WireMockServer server) {
        server.stubFor(post(urlEqualTo("/token")).atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + TestTokens.service("peer-caller")
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
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
