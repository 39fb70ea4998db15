package org.plugin.common.outage;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;
import org.plugin.common.web.Problems;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Runtime errors no other mapper claims: an outage of the database or of the identity provider
 * (however it is wrapped: a transaction that could not begin or commit, an OIDC set-up that failed)
 * is 503 with Retry-After; anything else a 500 that says nothing about the internals.
 */
@Provider
@Priority(1)
public class OutageProblemMapper extends ExceptionMapperBase<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(OutageProblemMapper.class);

    @Override
    protected HttpProblem toProblem(RuntimeException e) {
        return outageOrInternal(e);
    }

    /** 503 for an outage however it is wrapped, else a 500 that says nothing about the internals (the error logged). */
    static HttpProblem outageOrInternal(Exception e) {
        HttpProblem outage = Outages.of(e);
        if (outage != null) {
            return outage;
        }
        LOG.error("Unexpected error", e);
        return Problems.of(Status.INTERNAL_SERVER_ERROR, "An internal error occurred");
    }
}
