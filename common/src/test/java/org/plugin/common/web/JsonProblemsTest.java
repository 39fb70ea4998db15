package org.plugin.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every parser and binding error of a body, read with the services' strict configuration, as our own detail. */
class JsonProblemsTest {

    public record Inner(UUID id) {
    }

    public record Body(Integer stars, String body, List<Inner> items) {
    }

    static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    static {
        new StrictJson().customize(MAPPER);
    }

    static JacksonException error(byte[] body) {
        return catchThrowableOfType(JacksonException.class, () -> MAPPER.readerFor(Body.class).readValue(new ByteArrayInputStream(body)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"stars\":4,\"stars\":4}                 | stars | appears more than once",
            "{\"body\":\"x\"} garbage                   |       | not valid JSON at line 1",
            "{\"body\":\"x\"} {\"body\":\"y\"}          |       | exactly one JSON value",
            "{\"stars\":NaN}                           | stars | NaN and Infinity are not JSON numbers",
            "{\"stars\":99999999999}                   | stars | out of range",
            "{\"stars\":\"4\"}                         | stars | must be a number",
            "{\"items\":[{\"id\":\"nope\"}]}           | items[0].id | cannot be read as a UUID",
            "{\"colour\":1}                            | colour | Unknown field 'colour'",
            "{\"body\":\"x\"                           | body  | ends before the JSON value is complete",
            "{\"body\":\"\\q\"}                        | body  | invalid escape sequence",
            "[1]                                       |       | expected JSON structure" })
    void aDetailInTheClientsTermsNamingTheField(String body, String field, String words) {
        var problem = JsonProblems.of(error(body.strip().getBytes(StandardCharsets.UTF_8)));
        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertThat(problem.getDetail()).contains(words);
        assertThat(Internals.mentioned(problem.getDetail())).as(problem.getDetail()).isFalse();
        assertThat(problem.getDetail()).doesNotContainIgnoringCase("jackson").doesNotContain("Feature").doesNotContain("Constraints").doesNotContain("`");
        assertThat(problem.getParameters().getOrDefault("field", "")).isEqualTo(field == null ? "" : field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a number   | {\"stars\":%s}        | a number has more than",
            "nesting    | {\"items\":%s}        | nested more than" })
    void parserLimitsAreNamedNotTheirSettings(String label, String template, String words) {
        String value = label.startsWith("a number") ? "9".repeat(1200) : "[".repeat(3000) + "]".repeat(3000);
        byte[] body = template.strip().formatted(value).getBytes(StandardCharsets.UTF_8);
        var problem = JsonProblems.of(catchThrowableOfType(JacksonException.class, () -> MAPPER.readTree(body)));
        assertThat(problem.getDetail()).contains(words).doesNotContain("StreamReadConstraints").doesNotContain("`");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "7b22626f6479223a2261c0af62227d", "7b22626f6479223a2261eda08062227d", "7b22626f6479223a22618062227d" })
    void bytesThatAreNotUtf8AreRefusedNotRepaired(String hex) {
        var problem = JsonProblems.of(error(java.util.HexFormat.of().parseHex(hex)));
        assertThat(problem.getDetail()).contains("UTF-8");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "'Unrecognized token ''zoe.doe@example.org'': was expecting (JSON String, Number, Array, Object or token ''null'', ''true'' or ''false'')'" })
    void theParsersQuotedInputNeverReachesTheDetail(String message) {
        var problem = JsonProblems.of(new com.fasterxml.jackson.core.JsonParseException(null, message));
        assertThat(problem.getDetail()).doesNotContain("zoe").contains("unexpected character or word");
    }
}
