package org.plugin.e2e.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The faults an operator meets, done to the local stack the way they happen: a process killed with
 * SIGKILL, a stopped database or identity provider, a hung process (SIGSTOP). Each fault opens a
 * window on the timeline (from the fault until the part is back and ready) during which 503 and 504
 * are acceptable answers; outside every window, no 5xx is.
 */
final class Outages {

    /** A stretch of time during which a part of the stack was down. */
    /**
     * A fault: from when it was caused ({@code start}), through when the operator began to repair it
     * ({@code restoring}: a restart, SIGCONT), to when the repaired part was back ({@code end}).
     */
    record Window(String name, Instant start, Instant restoring, Instant end) {
        boolean covers(Instant t, Duration grace) {
            return !t.isBefore(start) && (end == null || !t.isAfter(end.plus(grace)));
        }
    }

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path LOGS = Path.of("target", "faults");

    private final List<Window> windows = new ArrayList<>();

    synchronized Window open(String name) {
        Window window = new Window(name, Instant.now(), null, null);
        windows.add(window);
        return window;
    }

    /** The operator begins to repair the fault of this window (the window stays open until close). */
    synchronized void restoring(Window window) {
        int at = indexOf(window);
        windows.set(at, new Window(window.name(), window.start(), Instant.now(), null));
    }

    synchronized void close(Window window) {
        int at = indexOf(window);
        Window current = windows.get(at);
        Instant now = Instant.now();
        windows.set(at, new Window(current.name(), current.start(), current.restoring() == null ? now : current.restoring(), now));
    }

    private int indexOf(Window window) {
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).name().equals(window.name()) && windows.get(i).start().equals(window.start())) {
                return i;
            }
        }
        throw new IllegalArgumentException("no such window: " + window.name());
    }

    synchronized List<Window> windows() {
        return List.copyOf(windows);
    }

    /** The pid that deploy/local/up recorded for a part (e.g. atom-service-2, keycloak). */
    static long pid(String part) {
        try {
            return Long.parseLong(Files.readString(ROOT.resolve(".run/pids/" + part + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no pid for " + part + " under .run/pids", e);
        }
    }

    static void signal(String signal, long pid) {
        run(Duration.ofSeconds(10), "kill", "-" + signal, Long.toString(pid));
    }

    /** deploy/local/up with the stack's settings: starts what is not running, waits until it is ready. */
    static void up() {
        run(Duration.ofMinutes(6), "bash", "deploy/local/up");
    }

    /** Waits (at most 30 s) until a killed process is gone, so that up does not take it for running. */
    static void awaitGone(long pid) {
        Instant giveUp = Instant.now().plusSeconds(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(giveUp)) {
            Load.pause(200);
        }
    }

    /** deploy/local/up services: starts the services' replicas that do not run, without waiting for them. */
    static void startServices() {
        run(Duration.ofMinutes(1), "bash", "deploy/local/up", "services");
    }

    /** deploy/local/down PART: stops one part of the stack. */
    static void down(String part) {
        run(Duration.ofMinutes(2), "bash", "deploy/local/down", part);
    }

    /** The last {@code n} lines written to {@code log} from byte {@code from} on. */
    static String lastLines(Path log, long from, int n) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String written = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.List<String> lines = written.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    static void run(Duration timeout, String... command) {
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve("commands.log");
            Files.writeString(log, Instant.now() + " $ " + String.join(" ", command) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            long start = Files.size(log);
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putIfAbsent("SKIP_BUILD", "1");
            builder.environment().putIfAbsent("REPLICAS", "2");
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took more than " + timeout);
            }
            if (process.exitValue() != 0) {
                // what the command said goes into the failure: a fresh clone's logs are gone once CI ends
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + " (see " + log
                        + "); its last lines:\n" + lastLines(log, start, 30));
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
