package org.plugin.common.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/** The subtypes the problem extension maps on its own, given the same field-naming detail as {@link JsonInputProblemMapper}. */
public final class JsonFieldProblemMappers {

    private JsonFieldProblemMappers() {
    }

    @Provider
    @Priority(1)
    public static class UnknownField extends ExceptionMapperBase<UnrecognizedPropertyException> {
        @Override
        protected HttpProblem toProblem(UnrecognizedPropertyException e) {
            return JsonInputProblemMapper.problem(e);
        }
    }

    @Provider
    @Priority(1)
    public static class InvalidFormat extends ExceptionMapperBase<InvalidFormatException> {
        @Override
        protected HttpProblem toProblem(InvalidFormatException e) {
            return JsonInputProblemMapper.problem(e);
        }
    }
}
