package org.plugin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A frontend team's client, generated and used as they would: in clients/typescript, {@code npm ci}
 * (pinned versions, the committed lockfile), {@code npm run generate} (types from the three documents
 * the gateway serves now, by openapi-typescript), {@code npm run check} ({@code tsc} in strict mode,
 * and no cast, no {@code any}, no non-null assertion in the hand-written code), then
 * {@code npm run journey}: a new user logs in, registers as a contributor, publishes two Atoms,
 * searches with paging, reads an Atom's detail with its versions and owner's name, chains the two; a
 * second user rates and comments; the first asks for an ACCESS export and polls it until it is
 * there; anyone reads the notice and cookies; the admin lists contributors, requests, erasure jobs,
 * disclosures and contact requests. Every step checks what it got; the first failure fails this test
 * with the journey's output. The people are made here (Keycloak's admin API) and remembered, so that
 * StackLogsTest looks for them in the logs too.
 */
class TypeScriptClientJourneyTest {

    static final Path CLIENT = Path.of("..", "clients", "typescript").toAbsolutePath().normalize();
    static final long STEP_MINUTES = 6;

    @Test
    void theGeneratedClientCompilesStrictlyAndCompletesTheJourney() throws Exception {
        Stack.User user = Stack.newPerson("tsclient");
        Stack.User reader = Stack.newPerson("tsreader");
        String firstName = Stack.personName("Tsfirst");
        String lastName = Stack.personName("Tslast");
        String comment = "Typed client comment " + Stack.personName("Tscomment");
        String word = "wombat" + Stack.unique().replaceAll("[^a-z]", "");
        Stack.remember(firstName, lastName, comment, word);

        Map<String, String> env = Map.ofEntries(
                Map.entry("PLUGIN_GATEWAY_URL", Stack.GATEWAY),
                Map.entry("PLUGIN_REALM_URL", Stack.REALM),
                Map.entry("JOURNEY_USER", user.username()),
                Map.entry("JOURNEY_PASSWORD", Stack.password(user.username())),
                Map.entry("JOURNEY_EMAIL", user.email()),
                Map.entry("JOURNEY_FIRST_NAME", firstName),
                Map.entry("JOURNEY_LAST_NAME", lastName),
                Map.entry("JOURNEY_READER", reader.username()),
                Map.entry("JOURNEY_READER_PASSWORD", Stack.password(reader.username())),
                Map.entry("JOURNEY_ADMIN", Stack.ADMIN),
                Map.entry("JOURNEY_ADMIN_PASSWORD", Stack.password(Stack.ADMIN)),
                Map.entry("JOURNEY_COMMENT", comment),
                Map.entry("JOURNEY_WORD", word),
                // names of the Atoms and the chain, which paths (and so the access log) carry: no personal data
                Map.entry("JOURNEY_SUFFIX", Stack.unique().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "")));

        run(env, "npm", "ci", "--no-audit", "--no-fund");
        run(env, "npm", "run", "generate");
        run(env, "npm", "run", "check");
        String journey = run(env, "npm", "run", "journey");
        assertThat(journey).contains("journey completed");
    }

    /** Runs a command in clients/typescript; its output, or an AssertionError with it when it fails. */
    static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("plugin-ts-client-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(CLIENT.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            boolean finished = process.waitFor(STEP_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println("----- " + String.join(" ", command) + "\n" + text);
            if (!finished) {
                throw new AssertionError(String.join(" ", command) + " did not finish in " + STEP_MINUTES + " minutes:\n" + text);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
