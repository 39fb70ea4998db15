package org.plugin.common.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The login a frontend (and Swagger UI) performs, written into each service's public document: an
 * OAuth2 authorization-code scheme against the realm ({@value #SCHEME}), offered as an alternative to
 * pasting a bearer token on every secured public-API operation, and {@code security: []} on the public
 * ones (notice, cookies), so that generators and Swagger UI send no token there. {@code /internal/**}
 * operations (client-credentials tokens of the services) are left as they are.
 *
 * <p>
 * The realm's URL is the deployment's, read when the service starts: {@code plugin.openapi.login-realm-url},
 * by default the issuer the service validates tokens against ({@code quarkus.oidc.auth-server-url}), which
 * is the address browsers reach too (the provider's hostname is pinned). The client (a public one,
 * PKCE required) is Swagger UI's setting, not the document's: any frontend's public client can use
 * this scheme.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class LoginSecurityFilter implements OASFilter {

    /** The name of the authorization-code scheme in {@code components.securitySchemes}. */
    public static final String SCHEME = "oauth2";
    /** The name of the pasted-token scheme the services declare (quarkus.smallrye-openapi.security-scheme-name). */
    public static final String BEARER = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        String realm = realmUrl(ConfigProvider.getConfig());
        // without a realm (a test that mocks tokens) there is no login to describe, only public operations
        boolean login = !realm.isEmpty();
        if (login) {
            addScheme(openAPI, realm);
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            PathItem item = path.getValue();
            // service-to-service operations take client-credentials tokens only: no user login there
            if (item.getOperations() == null || path.getKey().startsWith("/internal/")) {
                continue;
            }
            for (Operation operation : item.getOperations().values()) {
                List<SecurityRequirement> requirements = operation.getSecurity();
                if (requirements == null || requirements.isEmpty()) {
                    // public: no token; an empty list says so (no inherited requirement applies)
                    operation.setSecurity(new ArrayList<>());
                } else if (login && requirements.stream().anyMatch(r -> r.hasScheme(BEARER))
                        && requirements.stream().noneMatch(r -> r.hasScheme(SCHEME))) {
                    List<SecurityRequirement> alternatives = new ArrayList<>(requirements);
                    alternatives.add(OASFactory.createSecurityRequirement().addScheme(SCHEME));
                    operation.setSecurity(alternatives);
                }
            }
        }
    }

    private static void addScheme(OpenAPI openAPI, String realm) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .description("Log in with the platform's identity provider (realm plugin): authorization code with PKCE (S256)"
                        + " of a public client; Swagger UI uses the client plugin-swagger")
                .flows(OASFactory.createOAuthFlows().authorizationCode(OASFactory.createOAuthFlow()
                        .authorizationUrl(realm + "/protocol/openid-connect/auth")
                        .tokenUrl(realm + "/protocol/openid-connect/token")
                        .refreshUrl(realm + "/protocol/openid-connect/token")
                        .scopes(Map.of("openid", "OpenID Connect: who the user is")))));
    }

    static String realmUrl(Config config) {
        String url = config.getOptionalValue("plugin.openapi.login-realm-url", String.class)
                .or(() -> config.getOptionalValue("quarkus.oidc.auth-server-url", String.class))
                .orElse("");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
