package org.plugin.testing;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Signed access tokens shaped like the provider's (realm roles under {@code realm_access.roles},
 * {@code aud} from the audience mapper, {@code azp} the client), valid for the services under test
 * thanks to the key {@link PostgresResource} configures.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test/realms/plugin";
    public static final String AUDIENCE = "plugin-api";
    public static final String FRONTEND_CLIENT = "plugin-frontend";

    private static final PrivateKey KEY;

    static {
        try {
            KEY = KeyUtils.readPrivateKey("plugin-test/privateKey.pem");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestTokens() {
    }

    /** An ordinary platform user. */
    public static String user(String subject) {
        return token().subject(subject).roles("user").sign();
    }

    /** An operator admin (also a user). */
    public static String admin(String subject) {
        return token().subject(subject).roles("user", "admin").sign();
    }

    /** A service's client-credentials token. */
    public static String service(String clientId) {
        return token().subject("service-account-" + clientId).client(clientId).roles("service").sign();
    }

    /** A CI pipeline's client-credentials token publishing for {@code contributorAccount}. */
    public static String ci(String clientId, String contributorAccount) {
        return token().subject("service-account-" + clientId).client(clientId).roles("ci")
                .claim("plugin_contributor", contributorAccount).sign();
    }

    public static Builder token() {
        return new Builder();
    }

    public static final class Builder {
        private String subject = "subject";
        private String client = FRONTEND_CLIENT;
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private final List<String> roles = new ArrayList<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Instant expiresAt = Instant.now().plusSeconds(300);

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder client(String client) {
            this.client = client;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder roles(String... roles) {
            this.roles.addAll(List.of(roles));
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public String sign() {
            JwtClaimsBuilder jwt = Jwt.issuer(issuer).subject(subject).audience(audience)
                    .claim("azp", client)
                    .claim("preferred_username", subject)
                    .claim("realm_access", Map.of("roles", List.copyOf(roles)))
                    .issuedAt(expiresAt.minusSeconds(300))
                    .expiresAt(expiresAt);
            claims.forEach(jwt::claim);
            return jwt.jws().keyId("plugin-test").sign(KEY);
        }
    }
}
