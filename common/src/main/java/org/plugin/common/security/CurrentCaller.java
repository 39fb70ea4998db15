package org.plugin.common.security;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** The {@link Caller} of the current request, read once from its validated token. */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private Caller caller;

    CurrentCaller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    public Caller get() {
        if (caller == null) {
            Object claim = token.getClaim(Roles.CI_CONTRIBUTOR_CLAIM);
            caller = new Caller(token.getSubject(), token.getClaim("preferred_username"), token.getClaim("azp"),
                    identity.getRoles(), claim == null ? null : claim.toString());
        }
        return caller;
    }
}
