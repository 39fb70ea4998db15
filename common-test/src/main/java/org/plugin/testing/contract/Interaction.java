package org.plugin.testing.contract;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One recorded call of a consumer to a provider's internal API, as committed under {@code contracts/}:
 * the request the consumer sends and the part of the answer it reads. {@code {name}} in the path,
 * a query value or a JSON string stands for {@code values.name}: the recorded value in the consumer's
 * build, the value of the provider state {@link #given()} in the provider's build.
 *
 * @param name       the file name without {@code .json}
 * @param given      the state the provider is in before the call (its test sets it up by this name)
 * @param values     the recorded values of the placeholders
 * @param request    method, path (the provider's path template), query, body
 * @param response   status, and the body the consumer reads (absent when it reads only the status)
 */
public record Interaction(Path file, String name, String consumer, String provider, String description, String given,
        Map<String, String> values, Request request, Response response) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    public record Request(String method, String path, Map<String, String> query, JsonNode body) {
    }

    public record Response(int status, JsonNode body) {
    }

    @Override
    public String toString() {
        return consumer + " -> " + provider + ": " + name;
    }

    /** The recorded values with those of {@code overrides} (a provider state's) in their place. */
    public Map<String, String> valuesWith(Map<String, String> overrides) {
        var merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return merged;
    }

    /** The path with every placeholder replaced. */
    public String path(Map<String, String> values) {
        return fill(request.path(), values);
    }

    public Map<String, String> query(Map<String, String> values) {
        var query = new LinkedHashMap<String, String>();
        request.query().forEach((k, v) -> query.put(k, fill(v, values)));
        return query;
    }

    /** A copy of {@code node} with every placeholder in its strings replaced; null stays null. */
    public static JsonNode fill(JsonNode node, Map<String, String> values) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(fill(node.asText(), values));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), fill(e.getValue(), values)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> copy.add(fill(e, values)));
            return copy;
        }
        return node;
    }

    /** The name of the value {@code text} stands for when it is exactly one placeholder, else null. */
    static String placeholder(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        return m.matches() ? m.group(1) : null;
    }

    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("No value for {" + m.group(1) + "} in " + text);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
