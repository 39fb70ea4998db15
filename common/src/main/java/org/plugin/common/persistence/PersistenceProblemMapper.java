package org.plugin.common.persistence;

import jakarta.annotation.Priority;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;

import org.hibernate.exception.DataException;
import org.jboss.logging.Logger;
import org.plugin.common.outage.Outages;
import org.plugin.common.web.Problems;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Safety net for database errors that escape the services' own handling, in every service: a
 * value the database refuses (SQL state class 22: too long, bad encoding) is the client's input,
 * so 400; a concurrent change (unique key taken meanwhile, optimistic lock) is 409; a database that
 * cannot be reached is 503 with Retry-After, at once. Anything else is a 500 that says nothing about
 * the internals.
 */
@Provider
@Priority(1)
public class PersistenceProblemMapper extends ExceptionMapperBase<PersistenceException> {

    private static final Logger LOG = Logger.getLogger(PersistenceProblemMapper.class);

    @Override
    protected HttpProblem toProblem(PersistenceException e) {
        if (DatabaseOutage.isOutage(e)) {
            return Outages.databaseUnavailable(e);
        }
        if (UniqueViolations.isUniqueViolation(e)) {
            return Problems.conflict("A concurrent request made the same change; reload and retry if needed");
        }
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof DataException) {
                return Problems.badRequest("A value in the request cannot be stored");
            }
            if (t instanceof OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return Problems.conflict("The record was changed at the same time; reload and retry");
            }
        }
        LOG.error("Database error", e);
        return Problems.of(Status.INTERNAL_SERVER_ERROR, "An internal error occurred");
    }
}
