package org.plugin.common.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;

/**
 * Asked before Quarkus OIDC for a bearer token: answers with the identity of a token this JVM has
 * verified and that has not expired ({@link VerifiedTokens}); otherwise answers nothing, and OIDC
 * verifies the token in full ({@link VerifiedTokenRecorder} then keeps what it accepted).
 */
@ApplicationScoped
public class VerifiedTokenProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** A request attribute: the identity {@link VerifiedTokenMechanism} found kept for this request's token. */
    static final String FOUND = VerifiedTokenProvider.class.getName() + ".found";

    private final VerifiedTokens tokens;

    VerifiedTokenProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        // asked before Quarkus OIDC's provider, which keeps the interface's default (SYSTEM_FIRST + 1,
        // higher first) and never answers "not mine": at 1000, this one was asked after it, that is never
        return IdentityProvider.SYSTEM_FIRST + 1000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (request.getAttribute(FOUND) instanceof SecurityIdentity found) {
            return Uni.createFrom().item(found);
        }
        String token = request.getToken() == null ? null : request.getToken().getToken();
        return Uni.createFrom().item(tokens.find(token, HttpSecurityUtils.getRoutingContextAttribute(request)));
    }
}
