package org.plugin.common.web;

import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JacksonException;

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
        if (e.getCause() instanceof JacksonException j) {
            return JsonProblems.of(j);
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

    private static String detail(WebApplicationException e, int status) {
        String ours = switch (status) {
            case 400 -> "The request is malformed";
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "This resource cannot produce the requested media type; ask for application/json";
            case 415 -> "Unsupported media type; send application/json";
            default -> null;
        };
        String message = e.getMessage();
        // the framework's own wording names its annotations ("did not match the value in @Consumes"): ours for these
        boolean generic = message == null || message.startsWith("HTTP " + status) || Internals.mentioned(message)
                || status == 404 || status == 405 || status == 406 || status == 415;
        if (!generic) {
            return message;
        }
        if (ours != null) {
            return ours;
        }
        return Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
    }
}
