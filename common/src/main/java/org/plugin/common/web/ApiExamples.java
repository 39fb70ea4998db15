package org.plugin.common.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * An example for every request and response body of the public documents ({@link ApiDocument}),
 * built from its schema: a member's own {@code example} when it has one, else a value of its type and
 * format (the first constant of an enum, the minimum of a number, the timestamp format...). Records
 * give their members examples with {@code @Schema(example = ...)} where a plain value would not pass
 * their constraints; the lint gate checks every example against its schema.
 */
final class ApiExamples {

    // deep enough for the deepest body (a notice version: content, cookies, each cookie), with a bound for cycles
    private static final int MAX_DEPTH = 40;

    private final Map<String, Schema> schemas;

    ApiExamples(Map<String, Schema> schemas) {
        this.schemas = schemas;
    }

    void fill(MediaType media) {
        if (media == null || media.getSchema() == null || media.getExample() != null
                || media.getExamples() != null && !media.getExamples().isEmpty()) {
            return;
        }
        Object example = of(media.getSchema(), 0);
        if (example != null) {
            media.setExample(example);
        }
    }

    Object of(Schema schema, int depth) {
        if (schema == null || depth > MAX_DEPTH) {
            return null;
        }
        if (schema.getRef() != null) {
            String ref = schema.getRef();
            return ref.startsWith(ApiDocument.SCHEMAS) ? of(schemas.get(ref.substring(ApiDocument.SCHEMAS.length())), depth + 1) : null;
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
            return schema.getExamples().get(0);
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().get(0);
        }
        if (schema.getDefaultValue() != null) {
            return schema.getDefaultValue();
        }
        for (List<Schema> choices : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (choices != null) {
                for (Schema choice : choices) {
                    if (!isNull(choice)) {
                        return of(choice, depth + 1);
                    }
                }
            }
        }
        SchemaType type = type(schema);
        if (type == null) {
            return schema.getProperties() != null ? object(schema, depth) : null;
        }
        return switch (type) {
            case OBJECT -> object(schema, depth);
            case ARRAY -> {
                Object item = of(schema.getItems(), depth + 1);
                yield item == null ? List.of() : List.of(item);
            }
            case BOOLEAN -> Boolean.FALSE;
            case INTEGER -> schema.getMinimum() != null ? schema.getMinimum().max(BigDecimal.ONE).longValue() : 1;
            case NUMBER -> schema.getMinimum() != null ? schema.getMinimum().max(BigDecimal.ONE) : new BigDecimal("4.5");
            case STRING -> string(schema);
            default -> null;
        };
    }

    private Object object(Schema schema, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                Object value = of(property, depth + 1);
                if (value != null) {
                    object.put(name, value);
                }
            });
        }
        if (schema.getAdditionalPropertiesSchema() != null && object.isEmpty()) {
            Object value = of(schema.getAdditionalPropertiesSchema(), depth + 1);
            if (value != null) {
                object.put("key", value);
            }
        }
        return object;
    }

    private static String string(Schema schema) {
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        return switch (format) {
            case "date-time" -> Timestamps.EXAMPLE;
            case "date" -> "2026-11-29";
            case "uuid" -> "3f6c1a52-8d0e-4c1b-9a57-2b1f0e6d4c3a";
            case "uri", "url" -> "https://example.org/docs";
            case "uri-reference" -> "/api/atoms/router";
            case "email" -> "zoe@example.org";
            case "duration" -> "PT1H";
            // plain words pass the patterns of free text, names and slugs; members with stricter ones carry an example
            default -> "text";
        };
    }

    private static SchemaType type(Schema schema) {
        List<SchemaType> types = schema.getType() == null ? List.of() : new ArrayList<>(schema.getType());
        types.remove(SchemaType.NULL);
        return types.isEmpty() ? null : types.get(0);
    }

    private static boolean isNull(Schema schema) {
        return schema.getType() != null && schema.getType().size() == 1 && schema.getType().get(0) == SchemaType.NULL;
    }
}
