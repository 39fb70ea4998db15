package org.plugin.contributor.rest;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.plugin.common.security.Roles;
import org.plugin.contributor.service.Caller;

import io.quarkus.security.identity.SecurityIdentity;

/** The caller of the current request, from its validated token. */
@RequestScoped
public class CallerFactory {

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    CallerFactory(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    public Caller caller() {
        return new Caller(token.getSubject(), token.getClaim("preferred_username"), token.getClaim("azp"),
                identity.hasRole(Roles.ADMIN));
    }

    public String subject() {
        return token.getSubject();
    }
}
