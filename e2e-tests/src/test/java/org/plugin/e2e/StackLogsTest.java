package org.plugin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Logs hold no personal data: once every journey ran (this class is ordered last, see
 * junit-platform.properties), every log of the stack is searched for every name, account name, email
 * and typed text the journeys created ({@link Stack#remember}); one hit fails the suite. The logs are
 * those deploy/local/up writes in .run/logs/ (the services, the gateway's access and error logs,
 * Keycloak, PostgreSQL, which writes where .run/logs/postgres.log links to when the checkout is out of
 * its reach) and PostgreSQL's own log folder if it ever gets one.
 */
@Order(Integer.MAX_VALUE)
class StackLogsTest {

    /** A line of a log that holds a value it must not. */
    record Hit(Path file, int line, String value) {
        @Override
        public String toString() {
            return file + ":" + line + " holds '" + value + "'";
        }
    }

    /** Every log file of the stack, symbolic links followed. */
    static List<Path> logs() throws IOException {
        List<Path> files = new ArrayList<>();
        Path logDir = Stack.runDir().resolve("logs");
        try (Stream<Path> walk = Files.walk(logDir, FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        // PostgreSQL's log_directory, should logging_collector ever be turned on
        Path pgDataPath = Stack.runDir().resolve("pgdata.path");
        if (Files.isReadable(pgDataPath)) {
            Path pgLog = Path.of(Files.readString(pgDataPath).strip()).resolve("log");
            if (Files.isDirectory(pgLog)) {
                try (Stream<Path> walk = Files.walk(pgLog)) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        return files;
    }

    /** Where the files hold any of the values (any case). */
    static List<Hit> search(Collection<Path> files, Collection<String> values) {
        List<String> wanted = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        List<Hit> hits = new ArrayList<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the log " + file, e);
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).toLowerCase(Locale.ROOT);
                for (String value : wanted) {
                    if (line.contains(value)) {
                        hits.add(new Hit(file, i + 1, value));
                    }
                }
            }
        }
        return hits;
    }

    @Test
    void noLogOfTheStackHoldsAnyPersonalDataTheJourneysCreated() throws IOException {
        Set<String> personalData = Stack.personalData();
        assertThat(personalData).as("personal data remembered by the journeys, which run before this class").hasSizeGreaterThan(10);
        List<Path> logs = logs();
        assertThat(logs.stream().map(p -> p.getFileName().toString()))
                .as("the stack's logs").contains("contributor-service.log", "atom-service.log", "privacy-service.log",
                        "gateway-access.log", "gateway-error.log", "keycloak.log", "postgres.log");
        assertThat(logs.stream().filter(p -> p.getFileName().toString().equals("gateway-access.log")).findFirst().orElseThrow())
                .as("the gateway's access log records the journeys' requests").isNotEmptyFile();

        // the search finds what is there: a line planted in a log file of the stack is a hit
        String canary = "canary-" + Stack.unique() + "@example.org";
        Path planted = Stack.runDir().resolve("logs").resolve("e2e-planted.log");
        try {
            Files.writeString(planted, "2026-01-01T00:00:00 a line naming " + canary.toUpperCase(Locale.ROOT) + "\n");
            assertThat(search(logs(), List.of(canary))).extracting(Hit::file).containsExactly(planted);
        } finally {
            Files.deleteIfExists(planted);
        }

        assertThat(search(logs(), personalData)).as("log lines holding personal data").isEmpty();
    }
}
