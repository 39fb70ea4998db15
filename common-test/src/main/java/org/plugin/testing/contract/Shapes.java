package org.plugin.testing.contract;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** How a recorded body is compared with a real answer: by the provider's build, and by the consumer's. */
final class Shapes {

    private static final Pattern ENUM_CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");

    private Shapes() {
    }

    /**
     * The provider's side: {@code actual} carries every field of {@code recorded} with the same JSON
     * type, and may carry more. A string in the shape of a UUID or an instant must be one; an
     * enum constant (capitals) and a placeholder's value must be equal; an array of the recording with
     * elements must not be empty, each element must have the types of its first element (or null), and
     * one element its constants, placeholder values and non-null values too; a recorded null only requires the field.
     */
    static List<String> carries(JsonNode recorded, JsonNode actual, Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        carries(recorded, actual, values, true, "$", problems);
        return problems;
    }

    /** {@code exact}: constants and placeholders compared too, not only types and formats. */
    private static void carries(JsonNode recorded, JsonNode actual, Map<String, String> values, boolean exact, String at,
            List<String> problems) {
        if (recorded.isNull()) {
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            problems.add(at + " is missing");
            return;
        }
        if (!exact && actual.isNull()) {
            return; // another element of an array: a field may be null there (a ledger entry without version)
        }
        if (recorded.getNodeType() != actual.getNodeType()) {
            problems.add(at + " is " + actual.getNodeType() + " (" + abbreviated(actual) + "), recorded as " + recorded.getNodeType());
            return;
        }
        if (recorded.isObject()) {
            recorded.fields().forEachRemaining(e -> carries(e.getValue(), actual.get(e.getKey()), values, exact, at + "." + e.getKey(), problems));
        } else if (recorded.isArray()) {
            if (!recorded.isEmpty()) {
                if (actual.isEmpty()) {
                    problems.add(at + " is empty; the recording has elements (check the provider state)");
                }
                // every element has the recorded element's types; one of them its constants and placeholders too
                for (int i = 0; i < actual.size(); i++) {
                    carries(recorded.get(0), actual.get(i), values, false, at + "[" + i + "]", problems);
                }
                if (exact && !actual.isEmpty() && java.util.stream.IntStream.range(0, actual.size())
                        .noneMatch(i -> carries(recorded.get(0), actual.get(i), values).isEmpty())) {
                    problems.add(at + " has no element with the recorded element's constants and placeholder values: "
                            + carries(recorded.get(0), actual.get(0), values));
                }
            }
        } else if (recorded.isNumber()) {
            if (recorded.isIntegralNumber() && !actual.isIntegralNumber()) {
                problems.add(at + " is " + actual + ", recorded as an integer");
            }
        } else if (recorded.isTextual()) {
            text(recorded.asText(), actual.asText(), values, exact, at, problems);
        }
    }

    private static void text(String recorded, String actual, Map<String, String> values, boolean exact, String at,
            List<String> problems) {
        String placeholder = Interaction.placeholder(recorded);
        if (placeholder != null) {
            if (!exact) {
                return;
            }
            if (!actual.equals(values.get(placeholder))) {
                problems.add(at + " is '" + abbreviated(actual) + "', not the value of {" + placeholder + "}");
            }
            return;
        }
        if (isUuid(recorded) && !isUuid(actual)) {
            problems.add(at + " is '" + abbreviated(actual) + "', recorded as a UUID");
        } else if (isInstant(recorded) && !isInstant(actual)) {
            problems.add(at + " is '" + abbreviated(actual) + "', recorded as an instant (ISO-8601, UTC)");
        } else if (exact && ENUM_CONSTANT.matcher(recorded).matches() && !recorded.equals(actual)) {
            problems.add(at + " is '" + abbreviated(actual) + "', recorded as the constant " + recorded);
        }
    }

    /**
     * The consumer's side: what the consumer read, written back as JSON, names exactly the fields of
     * the recording with the same values: a field it does not read, or one it reads that the
     * recording lacks, is a difference.
     */
    static List<String> sameReading(JsonNode recorded, JsonNode read) {
        List<String> problems = new ArrayList<>();
        sameReading(recorded, read, "$", problems);
        return problems;
    }

    private static void sameReading(JsonNode recorded, JsonNode read, String at, List<String> problems) {
        if (recorded.isObject() && read.isObject()) {
            var names = new TreeSet<String>();
            recorded.fieldNames().forEachRemaining(names::add);
            read.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode r = recorded.get(name);
                JsonNode a = read.get(name);
                if (a == null) {
                    problems.add(at + "." + name + " is recorded but the consumer does not read it");
                } else if (r == null) {
                    problems.add(at + "." + name + " is read by the consumer but not recorded");
                } else {
                    sameReading(r, a, at + "." + name, problems);
                }
            }
        } else if (recorded.isArray() && read.isArray()) {
            if (recorded.size() != read.size()) {
                problems.add(at + " has " + read.size() + " elements as read, " + recorded.size() + " as recorded");
                return;
            }
            Iterator<JsonNode> r = recorded.iterator();
            Iterator<JsonNode> a = read.iterator();
            for (int i = 0; r.hasNext(); i++) {
                sameReading(r.next(), a.next(), at + "[" + i + "]", problems);
            }
        } else if (!sameValue(recorded, read)) {
            problems.add(at + " is read as " + abbreviated(read) + ", recorded as " + abbreviated(recorded));
        }
    }

    private static boolean sameValue(JsonNode recorded, JsonNode read) {
        if (recorded.isNumber() && read.isNumber()) {
            return recorded.decimalValue().compareTo(read.decimalValue()) == 0;
        }
        if (recorded.isTextual() && read.isTextual() && isInstant(recorded.asText()) && isInstant(read.asText())) {
            return Instant.parse(recorded.asText()).equals(Instant.parse(read.asText()));
        }
        return recorded.equals(read);
    }

    static boolean isUuid(String s) {
        try {
            return s.length() == 36 && UUID.fromString(s) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isInstant(String s) {
        try {
            Instant.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String abbreviated(Object o) {
        String s = String.valueOf(o);
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
