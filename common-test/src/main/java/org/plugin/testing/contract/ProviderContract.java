package org.plugin.testing.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.plugin.testing.InternalDocumentContract;
import org.plugin.testing.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The provider's half of the contract tests: every interaction a consumer recorded with this service
 * is replayed against it (in its {@code @QuarkusTest} boot, with a token of the consumer's role), after
 * its test has put it in the recorded state. The answer must have the recorded status and carry every
 * field the consumer reads with the recorded JSON type, and the operation must be described in the
 * internal document with that status. A change that would break a consumer at run time fails here.
 */
public final class ProviderContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderContract() {
    }

    /** Sets the provider up as an interaction's {@code given} says, and answers the values of its placeholders. */
    @FunctionalInterface
    public interface State extends Supplier<Map<String, String>> {
    }

    /** One dynamic test per interaction recorded with {@code provider}; {@code states} by the {@code given} they set up. */
    public static Stream<DynamicTest> verify(String provider, Map<String, State> states) {
        List<Interaction> interactions = Contracts.withProvider(provider);
        assertThat(interactions).as("interactions recorded with " + provider).isNotEmpty();
        var unknown = interactions.stream().map(Interaction::given).filter(g -> !states.containsKey(g)).distinct().toList();
        assertThat(unknown).as("provider states the contracts name but this test does not set up").isEmpty();
        var unused = states.keySet().stream().filter(s -> interactions.stream().noneMatch(i -> i.given().equals(s))).toList();
        assertThat(unused).as("provider states no contract names").isEmpty();
        JsonPath document = InternalDocumentContract.internalDocument();
        return interactions.stream().map(i -> DynamicTest.dynamicTest(i.toString(), i.file().toUri(),
                () -> verify(i, states.get(i.given()).get(), document)));
    }

    static void verify(Interaction interaction, Map<String, String> state, JsonPath document) {
        var request = interaction.request();
        String method = request.method().toLowerCase(Locale.ROOT);
        String status = String.valueOf(interaction.response().status());
        Map<String, Object> operation = document.getMap("paths.'" + request.path() + "'." + method);
        assertThat(operation).as(interaction + ": " + request.method() + " " + request.path() + " in the internal document").isNotNull();
        assertThat(document.getMap("paths.'" + request.path() + "'." + method + ".responses"))
                .as(interaction + ": statuses the internal document gives").containsKey(status);

        Map<String, String> values = interaction.valuesWith(state);
        RequestSpecification call = given().auth().oauth2(TestTokens.service(interaction.consumer())).accept("application/json")
                .queryParams(interaction.query(values));
        if (request.body() != null) {
            call.contentType("application/json").body(Interaction.fill(request.body(), values).toString());
        }
        Response answer = call.when().request(request.method(), interaction.path(values));
        assertThat(answer.statusCode()).as(interaction + ": status, answer " + answer.asString()).isEqualTo(interaction.response().status());
        if (interaction.response().body() != null) {
            JsonNode actual;
            try {
                actual = JSON.readTree(answer.asString());
            } catch (Exception e) {
                throw new AssertionError(interaction + ": the answer is not JSON: " + answer.asString(), e);
            }
            assertThat(Shapes.carries(interaction.response().body(), actual, values))
                    .as(interaction + ": what the consumer reads, in the answer " + actual).isEmpty();
        }
    }
}
