package org.plugin.common.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;

import org.plugin.common.outage.Outages;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 as problem+json with a bearer challenge, and 403 for a missing role, each with a detail. Replaces the problem extension's own security
 * mappers, which fail against this Quarkus version's challenge API.
 */
public final class SecurityProblemMappers {

    private SecurityProblemMappers() {
    }

    static HttpProblem unauthorized(String detail, boolean tokenRejected) {
        return HttpProblem.builder().withStatus(Status.UNAUTHORIZED).withTitle("Unauthorized").withDetail(detail)
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, tokenRejected ? "Bearer error=\"invalid_token\"" : "Bearer")
                .build();
    }

    /** No token where one is required. */
    @Provider
    @Priority(1)
    public static class MissingToken extends ExceptionMapperBase<UnauthorizedException> {
        @Override
        protected HttpProblem toProblem(UnauthorizedException e) {
            return unauthorized("A bearer token is required", false);
        }
    }

    /** A token that is malformed, tampered with, expired, or for another issuer or audience. */
    @Provider
    @Priority(1)
    public static class RejectedToken extends ExceptionMapperBase<AuthenticationFailedException> {
        @Override
        protected HttpProblem toProblem(AuthenticationFailedException e) {
            // not the token's fault: the provider that holds the keys to check it cannot be reached
            HttpProblem outage = Outages.of(e);
            if (outage != null) {
                return outage;
            }
            return unauthorized("The bearer token is invalid, expired or not meant for this API", true);
        }
    }

    /** Authenticated, but without the role the operation requires. */
    @Provider
    @Priority(1)
    public static class MissingRole extends ExceptionMapperBase<ForbiddenException> {
        @Override
        protected HttpProblem toProblem(ForbiddenException e) {
            return HttpProblem.builder().withStatus(Status.FORBIDDEN).withTitle("Forbidden")
                    .withDetail("Your token does not carry a role this operation requires").build();
        }
    }

    @Provider
    @Priority(1)
    public static class IncompleteAuthentication extends ExceptionMapperBase<AuthenticationCompletionException> {
        @Override
        protected HttpProblem toProblem(AuthenticationCompletionException e) {
            return unauthorized("Authentication could not be completed", true);
        }
    }
}
