package org.plugin.common.persistence;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;

import org.hibernate.exception.ConstraintViolationException;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * The safety net behind the services' own handling: a unique constraint that refused a write
 * because a concurrent request made the same one is a 409, never a 500. Other constraint failures
 * are bugs and stay 500s, without the database's message.
 */
@Provider
@Priority(1)
public class UniqueViolationMapper extends ExceptionMapperBase<ConstraintViolationException> {

    @Override
    protected HttpProblem toProblem(ConstraintViolationException e) {
        if (UniqueViolations.isUniqueViolation(e)) {
            return HttpProblem.builder().withStatus(Status.CONFLICT).withTitle("Conflict")
                    .withDetail("A concurrent request made the same change; reload and retry if needed").build();
        }
        return HttpProblem.builder().withStatus(Status.INTERNAL_SERVER_ERROR).withTitle("Internal Server Error")
                .withDetail("The change could not be stored").build();
    }
}
