package org.plugin.common.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Every error the JSON parser or the binding of a body can raise, as one 400 problem whose detail
 * says what was wrong in the client's terms and names the field (also in a {@code field} member)
 * when there is one. Never the parser's own message: it names library classes and features
 * ({@code JsonReadFeature...}, {@code StreamReadConstraints...}) and quotes the input, which may be
 * personal data (problems are logged).
 *
 * <p>The nested mappers cover each exception type that Quarkus or the problem extension maps on its
 * own (JAX-RS picks the mapper of the closest type), so none of theirs answers instead.
 */
public final class JsonProblems {

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.defaults();

    private JsonProblems() {
    }

    /** The problem for any Jackson exception raised while reading a request body. */
    public static HttpProblem of(JacksonException e) {
        String field = field(e);
        String detail = detail(e, field);
        var builder = HttpProblem.builder().withStatus(Status.BAD_REQUEST).withTitle("Bad Request").withDetail(detail);
        if (!field.isEmpty()) {
            builder.with("field", field);
        }
        return builder.build();
    }

    static String detail(JacksonException e, String field) {
        JacksonException cause = e instanceof JsonMappingException && e.getCause() instanceof JacksonException c
                && !(c instanceof JsonMappingException) ? c : e;
        String message = cause.getOriginalMessage() == null ? "" : cause.getOriginalMessage();
        String at = field.isEmpty() ? "" : " (field '" + field + "')";
        if (cause instanceof StreamConstraintsException || message.contains("exceeds the maximum allowed")) {
            return "The JSON body exceeds a limit" + at + ": " + limit(message);
        }
        if (message.startsWith(StrictUtf8InputStream.MESSAGE)) {
            return "The request body is not valid UTF-8: " + message.substring(StrictUtf8InputStream.MESSAGE.length() + 2);
        }
        if (message.startsWith("Duplicate field")) {
            return "Field '" + field + "' appears more than once; a JSON object may name each field once";
        }
        if (message.startsWith("Trailing token")) {
            return "The request body must be exactly one JSON value; more follows it" + location(cause);
        }
        if (cause instanceof InputCoercionException) {
            return "Field '" + field + "' is out of range for its type";
        }
        if (cause instanceof UnrecognizedPropertyException) {
            return "Unknown field '" + field + "'";
        }
        if (cause instanceof InvalidFormatException f) {
            return "Field '" + field + "' cannot be read as " + typeName(f.getTargetType());
        }
        if (cause instanceof MismatchedInputException m) {
            return field.isEmpty() ? "The request body does not have the expected JSON structure"
                    : "Field '" + field + "' must be " + typeName(m.getTargetType());
        }
        if (cause instanceof InvalidDefinitionException || cause instanceof JsonMappingException) {
            return field.isEmpty() ? "The request body cannot be read as the expected JSON structure"
                    : "Field '" + field + "' cannot be read";
        }
        return "The request body is not valid JSON" + location(cause) + reason(message);
    }

    /** Why a parser refused the text, in our words. */
    private static String reason(String message) {
        if (message.startsWith("Non-standard token")) {
            return ": NaN and Infinity are not JSON numbers";
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return ": the body ends before the JSON value is complete";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return ": control characters in a string must be escaped";
        }
        if (message.startsWith("Invalid UTF")) {
            return ": it is not valid UTF-8";
        }
        if (message.startsWith("Unrecognized character escape")) {
            return ": a string holds an invalid escape sequence";
        }
        if (message.startsWith("Invalid numeric value") || message.startsWith("Leading zeroes")
                || message.startsWith("Invalid number") || message.startsWith("Unexpected character ('-'")) {
            return ": a number is malformed";
        }
        if (message.startsWith("Unexpected character") || message.startsWith("Unrecognized token")) {
            return ": unexpected character or word";
        }
        if (message.startsWith("Unexpected close marker")) {
            return ": a closing bracket does not match";
        }
        return "";
    }

    private static String limit(String message) {
        if (message.startsWith("Number value length")) {
            return "a number has more than " + LIMITS.getMaxNumberLength() + " digits";
        }
        if (message.startsWith("String value length")) {
            return "a string is longer than " + LIMITS.getMaxStringLength() + " characters";
        }
        if (message.startsWith("Name length")) {
            return "a field name is longer than " + LIMITS.getMaxNameLength() + " characters";
        }
        if (message.contains("nesting depth")) {
            return "values are nested more than " + LIMITS.getMaxNestingDepth() + " levels deep";
        }
        if (message.contains("token count")) {
            return "the document has too many tokens";
        }
        return "the document is too large";
    }

    private static String location(JacksonException e) {
        var location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The field path ({@code artifacts[0].digest}), or "" when the error is not in one field. */
    static String field(JacksonException e) {
        if (e instanceof JsonMappingException m) {
            return m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : (r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "?"))
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        if (e.getProcessor() instanceof JsonParser parser) {
            List<String> parts = new ArrayList<>();
            for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    parts.add(c.getCurrentName());
                } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                    parts.add("[" + c.getCurrentIndex() + "]");
                }
            }
            Collections.reverse(parts);
            return String.join(".", parts).replace(".[", "[");
        }
        return "";
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
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 " + (type == java.time.LocalDate.class ? "date" : "date-time");
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "an object";
    }

    // ---- one mapper per exception type that has a mapper elsewhere, all answering the same way ----

    @Provider
    @Priority(1)
    public static class AnyJson extends ExceptionMapperBase<JacksonException> {
        @Override
        protected HttpProblem toProblem(JacksonException e) {
            return of(e);
        }
    }

    @Provider
    @Priority(1)
    public static class Processing extends ExceptionMapperBase<JsonProcessingException> {
        @Override
        protected HttpProblem toProblem(JsonProcessingException e) {
            return of(e);
        }
    }

    @Provider
    @Priority(1)
    public static class StreamRead extends ExceptionMapperBase<StreamReadException> {
        @Override
        protected HttpProblem toProblem(StreamReadException e) {
            return of(e);
        }
    }

    @Provider
    @Priority(1)
    public static class Mapping extends ExceptionMapperBase<JsonMappingException> {
        @Override
        protected HttpProblem toProblem(JsonMappingException e) {
            return of(e);
        }
    }

    @Provider
    @Priority(1)
    public static class Mismatched extends ExceptionMapperBase<MismatchedInputException> {
        @Override
        protected HttpProblem toProblem(MismatchedInputException e) {
            return of(e);
        }
    }

    @Provider
    @Priority(1)
    public static class UnknownField extends ExceptionMapperBase<UnrecognizedPropertyException> {
        @Override
        protected HttpProblem toProblem(UnrecognizedPropertyException e) {
            return of(e);
        }
    }

    @Provider
    @Priority(1)
    public static class InvalidFormat extends ExceptionMapperBase<InvalidFormatException> {
        @Override
        protected HttpProblem toProblem(InvalidFormatException e) {
            return of(e);
        }
    }

    @Provider
    @Priority(1)
    public static class InvalidDefinition extends ExceptionMapperBase<InvalidDefinitionException> {
        @Override
        protected HttpProblem toProblem(InvalidDefinitionException e) {
            return of(e);
        }
    }
}
