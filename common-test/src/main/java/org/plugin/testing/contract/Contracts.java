package org.plugin.testing.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The recorded interactions of {@code contracts/<consumer>/<provider>/*.json} at the root of the
 * repository (docs/internal-api.md, "Contract tests"): read by the provider's build, which replays them
 * against itself, and by the consumer's, which serves them with WireMock to its typed client.
 */
public final class Contracts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Contracts() {
    }

    /** The {@code contracts} folder: the module's build runs in a folder under the repository's root. */
    public static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("contracts");
            if (Files.isDirectory(candidate) && Files.exists(dir.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No contracts folder above " + Path.of("").toAbsolutePath());
    }

    /** Every interaction of {@code consumer} with {@code provider}, by file name. */
    public static List<Interaction> between(String consumer, String provider) {
        return all().stream().filter(i -> i.consumer().equals(consumer) && i.provider().equals(provider)).toList();
    }

    /** Every interaction any consumer recorded with {@code provider}. */
    public static List<Interaction> withProvider(String provider) {
        return all().stream().filter(i -> i.provider().equals(provider)).toList();
    }

    public static List<Interaction> all() {
        try (Stream<Path> files = Files.walk(folder())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted(Comparator.naturalOrder()).map(Contracts::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Interaction read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            String consumer = file.getParent().getParent().getFileName().toString();
            String provider = file.getParent().getFileName().toString();
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            JsonNode request = required(root, "request", file);
            JsonNode response = required(root, "response", file);
            Map<String, String> values = new LinkedHashMap<>();
            root.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
            Map<String, String> query = new LinkedHashMap<>();
            request.path("query").fields().forEachRemaining(e -> query.put(e.getKey(), e.getValue().asText()));
            return new Interaction(file, name, consumer, provider, required(root, "description", file).asText(),
                    required(root, "given", file).asText(), values,
                    new Interaction.Request(required(request, "method", file).asText(), required(request, "path", file).asText(), query,
                            request.get("body")),
                    new Interaction.Response(required(response, "status", file).asInt(), response.get("body")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static JsonNode required(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(file + " lacks '" + field + "'");
        }
        return value;
    }
}
