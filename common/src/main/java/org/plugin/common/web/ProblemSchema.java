package org.plugin.common.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The one problem schema (RFC 9457) of every error answer, from the three services and the gateway,
 * as published in each document ({@link ApiDocument}); docs/problems.md lists its {@code type}s.
 */
final class ProblemSchema {

    private ProblemSchema() {
    }

    static Map<String, Schema> schemas() {
        Map<String, Schema> schemas = new TreeMap<>();
        schemas.put(ApiDocument.PROBLEM, problem());
        schemas.put("ProblemViolation", object("A field that failed a constraint")
                .addProperty("field", string("The field: a body path (artifacts[0].digest), or the name of a query, path or header parameter")
                        .example("displayName"))
                .addProperty("in", string("Where the field was sent").enumeration(List.of("body", "query", "path", "header", "form", "unknown"))
                        .example("body"))
                .addProperty("message", string("What is wrong with it").example("must not be blank"))
                .required(List.of("field", "in", "message")));
        schemas.put("ProblemError", object("One failure of a chain validation")
                .addProperty("code", string("The kind of failure").example("PROTOCOL_MISMATCH"))
                .addProperty("detail", string("The failure, in the client's terms")
                        .example("Link 0 (a -> b): protocols differ, HTTP on a and GTP-U on b"))
                .required(List.of("code", "detail")));
        return schemas;
    }

    private static Schema problem() {
        List<String> types = java.util.Arrays.stream(ProblemType.values()).map(t -> t.uri().toString()).toList();
        return object("A problem (RFC 9457, application/problem+json): every error answer of this API, from a service or from the gateway")
                .addProperty("type", string("The kind of problem: one URI per kind, listed in docs/problems.md; branch on it, not on detail")
                        .format("uri").enumeration(List.<Object>copyOf(types)).example(ProblemType.NOT_FOUND.uri().toString()))
                .addProperty("title", string("The status's reason phrase").example("Not Found"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status of the answer").minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)).example(404))
                .addProperty("detail", string("What was wrong, in the client's terms").example("No Atom named 'router'"))
                .addProperty("instance", string("The path of the request (services)").format("uri-reference").example("/api/atoms/router"))
                .addProperty("requestId", string("The X-Request-Id of the answer, which the logs carry too")
                        .example("6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"))
                .addProperty("rejectedBy", string("Present when the gateway answered itself, before any service")
                        .enumeration(List.of("gateway")).example("gateway"))
                .addProperty("field", string("The body field a malformed-json problem is about").example("stars"))
                .addProperty("violations", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("validation: each field that failed a constraint")
                        .items(OASFactory.createSchema().ref(ApiDocument.SCHEMAS + "ProblemViolation")))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("validation of a chain: each failure found")
                        .items(OASFactory.createSchema().ref(ApiDocument.SCHEMAS + "ProblemError")))
                .required(List.of("type", "title", "status", "detail"));
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description(description);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
