package org.plugin.common.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What makes each service's public OpenAPI document one a client generator can trust, applied the
 * same way to the three at build time (docs/api-contract.md has the rules):
 * <ul>
 * <li>schema names start with the service's name ({@code plugin.openapi.schema-prefix}), so no two
 * services publish different shapes under one name; the problem schemas below are the same
 * everywhere;</li>
 * <li>every error answer (4xx, 5xx) is {@code application/problem+json} with the one {@code Problem}
 * schema;</li>
 * <li>paging is described once: {@code limit} and {@code offset} are shared integer parameters;</li>
 * <li>every 201 declares its {@code Location} header;</li>
 * <li>a schema only ever sent by the service lists every property as {@code required} (each record
 * component is always written, null or not; those that may be null say {@code nullable}), but for
 * properties marked {@code x-optional} (left out when null);</li>
 * <li>every public operation has an operationId (the build fails otherwise), and one without a security
 * requirement says {@code security: []};</li>
 * <li>instants are described as they are written ({@link Timestamps});</li>
 * <li>every request and response body has an example ({@link ApiExamples}).</li>
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, documentNames = OpenApiFilter.DEFAULT_DOCUMENT_NAME)
public class ApiDocument implements OASFilter {

    public static final String PROBLEM = "Problem";
    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String OPTIONAL = "x-optional";
    static final String SCHEMAS = "#/components/schemas/";
    static final Set<String> SHARED = Set.of(PROBLEM, "ProblemViolation", "ProblemError");

    private final String prefix = ConfigProvider.getConfig().getOptionalValue("plugin.openapi.schema-prefix", String.class).orElse("");

    @Override
    public Schema filterSchema(Schema schema) {
        if (schema.getRef() != null && schema.getRef().startsWith(SCHEMAS)) {
            schema.setRef(SCHEMAS + name(schema.getRef().substring(SCHEMAS.length())));
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        Map<String, Schema> schemas = new TreeMap<>();
        if (components.getSchemas() != null) {
            components.getSchemas().forEach((name, schema) -> schemas.put(name(name), schema));
        }
        // the problem extension's own schemas: every error answer uses Problem instead
        schemas.remove(name("HttpProblem"));
        schemas.remove(name("HttpValidationProblem"));
        schemas.remove(name("Violation"));
        Schema instant = schemas.get(name("Instant"));
        if (instant != null) {
            instant.setExamples(List.of(Timestamps.EXAMPLE));
            instant.setPattern(Timestamps.PATTERN);
            instant.setDescription("An instant in UTC with always six fraction digits (microseconds), the same text in every answer");
        }
        schemas.putAll(ProblemSchema.schemas());
        components.setSchemas(schemas);
        components.addParameter("limit", PageRequest.limitParameter());
        components.addParameter("offset", PageRequest.offsetParameter());

        Set<String> sent = new HashSet<>();
        Set<String> received = new HashSet<>();
        List<String> missingIds = new ArrayList<>();
        if (api.getPaths() != null) {
            api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
                if (path.startsWith("/api/") && (operation.getOperationId() == null || operation.getOperationId().isBlank())) {
                    missingIds.add(method + " " + path);
                }
                operation(operation);
                if (!path.startsWith("/api/")) {
                    return; // internal operations: their shapes are the internal contract's business
                }
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().getMediaTypes().values().forEach(m -> collect(m.getSchema(), schemas, received));
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().values().forEach(r -> {
                        if (r.getContent() != null) {
                            r.getContent().getMediaTypes().values().forEach(m -> collect(m.getSchema(), schemas, sent));
                        }
                    });
                }
            }));
        }
        ApiExamples examples = new ApiExamples(schemas);
        if (api.getPaths() != null) {
            api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(operation -> {
                if (!path.startsWith("/api/")) {
                    return;
                }
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().getMediaTypes().values().forEach(examples::fill);
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().forEach((code, response) -> {
                        if (code.startsWith("2") && response.getContent() != null) {
                            response.getContent().getMediaTypes().values().forEach(examples::fill);
                        }
                    });
                }
            }));
        }
        if (!missingIds.isEmpty()) {
            throw new IllegalStateException("Public operations without an operationId (docs/api-contract.md): " + missingIds);
        }
        schemas.forEach((name, schema) -> {
            if (sent.contains(name) && !received.contains(name) && !SHARED.contains(name)) {
                allRequired(schema);
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(p -> {
                    if (p.getExtensions() != null) {
                        p.removeExtension(OPTIONAL);
                    }
                });
            }
        });
    }

    /** A schema's published name: the service's prefix in front, unless it has it or is shared. */
    String name(String name) {
        return SHARED.contains(name) || name.startsWith(prefix) ? name : prefix + name;
    }

    private void operation(Operation operation) {
        if (operation.getSecurity() == null) {
            // no requirement declared: a public operation (the notice, the cookie register), said explicitly
            operation.setSecurity(new ArrayList<>());
        }
        if (operation.getParameters() != null) {
            List<Parameter> parameters = new ArrayList<>();
            for (Parameter p : operation.getParameters()) {
                boolean paging = p.getIn() == Parameter.In.QUERY && ("limit".equals(p.getName()) || "offset".equals(p.getName()));
                parameters.add(paging ? OASFactory.createParameter().ref("#/components/parameters/" + p.getName()) : p);
            }
            operation.setParameters(parameters);
        }
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(OASFactory.createContent().addMediaType(PROBLEM_MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMAS + PROBLEM))));
            }
            if ("201".equals(code)) {
                location(response);
            }
        });
    }

    private static void location(APIResponse response) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey("Location")) {
            response.addHeader("Location", OASFactory.createHeader().required(true)
                    .description("The URL of the resource created: where a GET reads it again")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING).format("uri-reference")));
        }
    }

    /** Every property required, but those marked optional (left out of the JSON when null). */
    static void allRequired(Schema schema) {
        if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
            return;
        }
        List<String> required = new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
        schema.getProperties().forEach((name, property) -> {
            boolean optional = property.getExtensions() != null && property.getExtensions().containsKey(OPTIONAL);
            if (!optional && !required.contains(name)) {
                required.add(name);
            }
            if (optional) {
                required.remove(name);
            }
        });
        schema.setRequired(required);
    }

    /** The names of the component schemas a schema uses, transitively. */
    static void collect(Schema schema, Map<String, Schema> schemas, Set<String> into) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(SCHEMAS)) {
            String name = schema.getRef().substring(SCHEMAS.length());
            if (into.add(name)) {
                collect(schemas.get(name), schemas, into);
            }
            return;
        }
        List<Schema> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll(schema.getProperties().values());
        }
        if (schema.getItems() != null) {
            children.add(schema.getItems());
        }
        for (List<Schema> list : new ArrayList<>(java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()))) {
            if (list != null) {
                children.addAll(list);
            }
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            children.add(schema.getAdditionalPropertiesSchema());
        }
        children.forEach(c -> collect(c, schemas, into));
    }
}
