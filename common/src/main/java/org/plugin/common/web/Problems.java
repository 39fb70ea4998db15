package org.plugin.common.web;

import jakarta.ws.rs.core.Response.Status;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Domain errors as RFC 9457 problems, one status each. Throw what these return from services;
 * the problem extension renders them as {@code application/problem+json}.
 */
public final class Problems {

    private Problems() {
    }

    /** 404: an unknown id or name. */
    public static HttpProblem notFound(String detail) {
        return of(Status.NOT_FOUND, detail);
    }

    /** 409: the request conflicts with the current state (taken name, immutable version...). */
    public static HttpProblem conflict(String detail) {
        return of(Status.CONFLICT, detail);
    }

    /** 400: well-formed JSON that fails a rule a field constraint cannot express. */
    public static HttpProblem badRequest(String detail) {
        return of(Status.BAD_REQUEST, detail);
    }

    /** 403: authenticated, allowed by role, but not for this resource (ownership, status). */
    public static HttpProblem forbidden(String detail) {
        return of(Status.FORBIDDEN, detail);
    }

    /** 503: a service this request depends on does not answer; nothing was changed. */
    public static HttpProblem unavailable(String detail) {
        return of(Status.SERVICE_UNAVAILABLE, detail);
    }

    public static HttpProblem of(Status status, String detail) {
        return HttpProblem.builder().withStatus(status).withTitle(status.getReasonPhrase()).withDetail(detail).build();
    }
}
