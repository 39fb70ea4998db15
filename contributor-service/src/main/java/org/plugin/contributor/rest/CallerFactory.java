package org.plugin.contributor.rest;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.plugin.common.security.Roles;
import org.plugin.contributor.service.Caller;
import org.plugin.contributor.service.ProviderEmail;

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

    /** The email the token carries and whether the provider verified it (null when the token does not say). */
    public ProviderEmail providerEmail() {
        Object email = token.getClaim("email");
        return new ProviderEmail(email == null ? null : unquoted(email), flag(token.getClaim("email_verified")));
    }

    private static Boolean flag(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof Boolean b) {
            return b;
        }
        // JSON-P values (JsonValue.TRUE / FALSE) or a string; anything else counts as not verified
        return "true".equalsIgnoreCase(unquoted(claim));
    }

    private static String unquoted(Object claim) {
        String text = claim.toString();
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }
}
