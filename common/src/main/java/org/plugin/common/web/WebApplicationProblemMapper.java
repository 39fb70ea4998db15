package org.plugin.common.web;

import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Framework errors raised as {@link WebApplicationException}: malformed JSON (the reader wraps the
 * parser's error), unknown route, wrong method, unsupported media type. Each gets a detail that
 * says what was wrong instead of "HTTP 400 Bad Request".
 */
@Provider
@Priority(1)
public class WebApplicationProblemMapper extends ExceptionMapperBase<WebApplicationException> {

    private static final List<String> FORWARDED_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE);

    @Override
    protected HttpProblem toProblem(WebApplicationException e) {
        if (e.getCause() instanceof JsonMappingException d) {
            return JsonInputProblemMapper.problem(d);
        }
        if (e.getCause() instanceof StreamConstraintsException c) {
            return HttpProblem.builder().withStatus(Response.Status.BAD_REQUEST).withTitle("Bad Request")
                    .withDetail("The JSON body exceeds a parser limit: " + c.getOriginalMessage()).build();
        }
        if (e.getCause() instanceof JsonProcessingException j) {
            var location = j.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            return HttpProblem.builder().withStatus(Response.Status.BAD_REQUEST).withTitle("Bad Request")
                    .withDetail("The request body is not valid JSON" + where + ": " + withoutQuotedInput(j.getOriginalMessage())).build();
        }
        Response response = e.getResponse();
        int status = response.getStatus();
        var builder = HttpProblem.builder().withStatus(status)
                .withTitle(Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error")
                .withDetail(detail(e, status));
        for (Map.Entry<String, List<Object>> header : response.getHeaders().entrySet()) {
            if (FORWARDED_HEADERS.stream().anyMatch(h -> h.equalsIgnoreCase(header.getKey()))) {
                header.getValue().forEach(v -> builder.withHeader(header.getKey(), v));
            }
        }
        return builder.build();
    }

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'(?!(?:null|true|false)')[^']*'");

    /**
     * The parser's message quotes the offending input ("Unrecognized token 'zoe'"), which may be
     * personal data; problems are logged, so the quoted input is left out.
     */
    static String withoutQuotedInput(String message) {
        return message == null ? "" : QUOTED.matcher(message).replaceAll("'…'");
    }

    private static String detail(WebApplicationException e, int status) {
        String message = e.getMessage();
        boolean generic = message == null || message.startsWith("HTTP " + status);
        if (!generic) {
            return message;
        }
        return switch (status) {
            case 400 -> "The request is malformed";
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "This resource cannot produce the requested media type; ask for application/json";
            case 415 -> "Unsupported media type; send application/json";
            default -> message;
        };
    }
}
