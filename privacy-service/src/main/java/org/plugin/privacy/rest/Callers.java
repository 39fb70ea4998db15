package org.plugin.privacy.rest;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.plugin.common.security.Roles;
import org.plugin.privacy.service.Caller;

import io.quarkus.security.identity.SecurityIdentity;

/** The authenticated caller of the current request: the token's {@code sub}, and whether they are an admin. */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Callers(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Caller current() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw org.plugin.common.web.Problems.forbidden("The token names no subject");
        }
        return new Caller(subject, identity.hasRole(Roles.ADMIN));
    }
}
