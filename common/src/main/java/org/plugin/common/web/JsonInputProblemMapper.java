package org.plugin.common.web;

import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Well-formed JSON that does not fit the expected shape: an unknown field, a wrong type, a value
 * that cannot be converted. 400 naming the field, instead of the framework's empty 400.
 */
@Provider
@Priority(1)
public class JsonInputProblemMapper extends ExceptionMapperBase<MismatchedInputException> {

    @Override
    protected HttpProblem toProblem(MismatchedInputException e) {
        return problem(e);
    }

    static HttpProblem problem(JsonMappingException e) {
        String field = fieldPath(e);
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + field + "'";
        } else if (e instanceof InvalidFormatException f) {
            detail = "Field '" + field + "' cannot be read as " + typeName(f.getTargetType());
        } else if (e instanceof MismatchedInputException m && !field.isEmpty()) {
            detail = "Field '" + field + "' must be " + typeName(m.getTargetType());
        } else {
            detail = "The request body does not have the expected JSON structure";
        }
        return HttpProblem.builder().withStatus(Status.BAD_REQUEST).withTitle("Bad Request").withDetail(detail)
                .with("field", field).build();
    }

    static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : (r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "?"))
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            return "one of " + java.util.Arrays.toString(values);
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 " + type.getSimpleName();
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "an object";
    }

}
