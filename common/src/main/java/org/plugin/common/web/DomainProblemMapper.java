package org.plugin.common.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response.Status.Family;
import jakarta.ws.rs.core.Response.StatusType;
import jakarta.ws.rs.ext.Provider;

import org.plugin.common.error.DomainException;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * The one place where a service's refusal becomes an HTTP answer: each kind of
 * {@link DomainException} has its status; the detail and any extra members go into the
 * problem+json body as they are.
 */
@Provider
@Priority(1)
public class DomainProblemMapper extends ExceptionMapperBase<DomainException> {

    /** Seconds a client is asked to wait before retrying what an unavailable peer refused. */
    static final int RETRY_AFTER_SECONDS = 5;

    /** 422 (RFC 9110 15.5.21), which this JAX-RS version's Status does not name. */
    static final StatusType UNPROCESSABLE_CONTENT = new StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Family getFamily() {
            return Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    @Override
    protected HttpProblem toProblem(DomainException e) {
        StatusType status = status(e.kind());
        var builder = HttpProblem.builder().withStatus(status).withTitle(status.getReasonPhrase()).withDetail(e.detail());
        e.members().forEach(builder::with);
        if (e.kind() == DomainException.Kind.UNAVAILABLE) {
            builder.withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return builder.build();
    }

    /** The status each kind of refusal is answered with. */
    public static StatusType status(DomainException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> Status.NOT_FOUND;
            case CONFLICT -> Status.CONFLICT;
            case INVALID -> Status.BAD_REQUEST;
            case FORBIDDEN -> Status.FORBIDDEN;
            case UNAVAILABLE -> Status.SERVICE_UNAVAILABLE;
            case GONE -> Status.GONE;
            case UNPROCESSABLE -> UNPROCESSABLE_CONTENT;
        };
    }
}
