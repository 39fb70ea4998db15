package org.plugin.testing.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * The consumer's half of the contract tests: each interaction it recorded is served by WireMock (the
 * {@code PeersResource} server of its {@code @QuarkusTest} boot), its typed client makes the call, and
 * then: the recorded request matched what the client sent (method, path, query, body as JSON), and
 * what the client read, written back as JSON, is exactly the recorded body. A field the consumer starts
 * reading without recording it, or a recorded field it no longer reads, fails here; the provider's
 * build checks that it gets every recorded field.
 */
public final class ConsumerContract {

    private ConsumerContract() {
    }

    /** The refusal the consumer's client read: its exception, reduced to the status. */
    public record Refusal(int status) {
    }

    /**
     * Makes one interaction's call through the typed client with the recorded values: answers what the
     * client read (a record), null for a call that reads only the status, or a {@link Refusal} for a
     * refusal the client turned into its exception.
     */
    @FunctionalInterface
    public interface Call {
        Object call(Map<String, String> values) throws Exception;
    }

    /** One dynamic test per interaction of {@code consumer} with {@code provider}; {@code calls} by interaction name, one for each. */
    public static Stream<DynamicTest> verify(String consumer, String provider, WireMockServer peers, ObjectMapper json,
            Map<String, Call> calls) {
        List<Interaction> interactions = Contracts.between(consumer, provider);
        assertThat(new TreeSet<>(calls.keySet())).as("calls of this test, interactions recorded under contracts/" + consumer + "/" + provider)
                .isEqualTo(new TreeSet<>(interactions.stream().map(Interaction::name).toList()));
        return interactions.stream().map(i -> DynamicTest.dynamicTest(i.toString(), i.file().toUri(),
                () -> verify(i, peers, json, calls.get(i.name()))));
    }

    static void verify(Interaction interaction, WireMockServer peers, ObjectMapper json, Call call) throws Exception {
        Map<String, String> values = interaction.values();
        var request = interaction.request();
        MappingBuilder expected = request(request.method(), urlPathEqualTo(interaction.path(values))).atPriority(1);
        interaction.query(values).forEach((k, v) -> expected.withQueryParam(k, equalTo(v)));
        if (request.body() != null) {
            expected.withRequestBody(equalToJson(Interaction.fill(request.body(), values).toString(), false, false));
        }
        ResponseDefinitionBuilder answer = aResponse().withStatus(interaction.response().status());
        JsonNode body = Interaction.fill(interaction.response().body(), values);
        if (body != null) {
            answer.withHeader("Content-Type", "application/json").withBody(body.toString());
        } else if (interaction.response().status() >= 400) {
            answer.withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"status\":" + interaction.response().status() + ",\"title\":\"Recorded refusal\"}");
        }
        StubMapping stub = peers.stubFor(expected.willReturn(answer));
        try {
            Object read = call.call(values);
            boolean served = peers.getAllServeEvents().stream()
                    .anyMatch(e -> e.getStubMapping() != null && stub.getId().equals(e.getStubMapping().getId()));
            assertThat(served).as(interaction + ": the client's request matches the recorded one (method, path, query, JSON body)").isTrue();
            if (read instanceof Refusal refusal) {
                assertThat(refusal.status()).as(interaction + ": the refusal read").isEqualTo(interaction.response().status());
                assertThat(body).as(interaction + ": a refusal's body is not read").isNull();
            } else if (read == null) {
                assertThat(interaction.response().status()).as(interaction + ": a call without answer reads success").isBetween(200, 299);
                assertThat(body).as(interaction + ": the client reads no body, so none is recorded").isNull();
            } else {
                assertThat(body).as(interaction + ": the client reads an answer, so its body is recorded").isNotNull();
                assertThat(Shapes.sameReading(body, json.valueToTree(read))).as(interaction + ": what the client read").isEmpty();
            }
        } finally {
            peers.removeStub(stub);
        }
    }
}
