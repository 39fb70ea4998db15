package org.plugin.common.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Tried before Quarkus OIDC's mechanism: a bearer token this JVM has verified and that has not
 * expired ({@link VerifiedTokens}) is answered here, without the JWT decoding OIDC's mechanism does
 * for every request before any identity provider is asked (a twelfth of atom-service's CPU on an
 * Atom-detail load: deploy/bench/RESULTS.md). Any other request (no token, a token not kept,
 * expired, tampered, another scheme) is left to OIDC's mechanism, which verifies it in full and sends
 * the challenge: this one never refuses and never challenges.
 *
 * <p>The token is taken from the header as OIDC takes it (the text after the first space of
 * {@code Authorization}, the scheme {@code Bearer} in any case), so this answers only a token text
 * OIDC accepted before. The identity still goes through the identity provider manager, so every
 * augmentor runs as for a token OIDC verified.
 */
@ApplicationScoped
public class VerifiedTokenMechanism implements HttpAuthenticationMechanism {

    /** The scheme OIDC reads (quarkus.oidc.token.authorization-scheme, left at its default). */
    private static final String SCHEME = "Bearer";

    private final VerifiedTokens tokens;

    VerifiedTokenMechanism(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = bearerToken(context.request().headers().get(HttpHeaders.AUTHORIZATION));
        SecurityIdentity kept = token == null ? null : tokens.find(token, context);
        if (kept == null) {
            return Uni.createFrom().nullItem();
        }
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(token, "bearer"));
        request.setAttribute(VerifiedTokenProvider.FOUND, kept);
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    /** The token of an {@code Authorization: Bearer <token>} header, as Quarkus OIDC extracts it; null otherwise. */
    static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        int space = header.indexOf(' ');
        if (space <= 0 || !SCHEME.equalsIgnoreCase(header.substring(0, space))) {
            return null;
        }
        return header.substring(space + 1);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        // OIDC's mechanism challenges (it is asked next when this one gives nothing)
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        // above Quarkus OIDC's mechanism (quarkus.oidc.priority, default DEFAULT_PRIORITY + 1)
        return DEFAULT_PRIORITY + 100;
    }
}
