package org.plugin.e2e.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.plugin.e2e.Stack;

/**
 * Clients using the API through the gateway while faults happen, as a well-behaved client would:
 * a token refreshed before it expires (when the provider answers), a request that got 502/503/504 or
 * no answer repeated after a second with the same Idempotency-Key. Every attempt is recorded.
 */
final class Load {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One attempt: when it was sent, what it was, what came back (0: no answer), whether its token had expired. */
    record Sample(Instant at, String op, int status, long millis, boolean tokenExpired) {
    }

    /** A token kept fresh while the provider answers; the last one is used once it does not. */
    static final class Token {
        private final String name;
        private final Supplier<String> fetch;
        private volatile String value;

        Token(String name, Supplier<String> fetch) {
            this.name = name;
            this.fetch = fetch;
            this.value = fetch.get();
        }

        String get() {
            return value;
        }

        String name() {
            return name;
        }

        Instant expiry() {
            return expiry(value);
        }

        /** A new token now, if the provider answers; false when it does not. */
        boolean refresh() {
            try {
                value = fetch.get();
                return true;
            } catch (Exception | AssertionError e) {
                // RestAssured rethrows the checked ConnectException of a stopped provider undeclared:
                // caught here, or it would end the refreshing thread for the rest of the run
                return false;
            }
        }

        static Instant expiry(String jwt) {
            try {
                var claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
                return Instant.ofEpochSecond(claims.path("exp").asLong());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    /** Comment bodies whose POST succeeded, by Idempotency-Key: each must be stored exactly once. */
    final Map<String, String> comments = new ConcurrentHashMap<>();
    final List<Token> tokens = new ArrayList<>();

    private final Token user;
    private final Token ci;
    private final String atom;
    private final String runTag;
    private final java.util.concurrent.atomic.AtomicInteger versions = new java.util.concurrent.atomic.AtomicInteger();

    Load(Token user, Token ci, String atom, String runTag) {
        this.user = user;
        this.ci = ci;
        this.atom = atom;
        this.runTag = runTag;
        tokens.add(user);
        tokens.add(ci);
    }

    void start(int readers) {
        running.set(true);
        for (int i = 0; i < readers; i++) {
            threads.add(loop("reader-" + i, () -> {
                get("atom-detail", user, "/api/atoms/" + atom);
                get("search", user, "/api/atoms?q=" + runTag + "&limit=5");
                get("contributor-me", user, "/api/contributors/me");
            }));
        }
        threads.add(loop("commenter", this::comment));
        threads.add(loop("ci", this::publishVersion));
        threads.add(loop("tokens", () -> {
            for (Token token : tokens) {
                if (Duration.between(Instant.now(), token.expiry()).toSeconds() < 120) {
                    token.refresh();
                }
            }
            pause(5_000);
        }));
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Refreshes every token now (before the provider goes down: they then live their full time). */
    void refreshTokens() {
        for (Token token : tokens) {
            if (!token.refresh()) {
                throw new IllegalStateException("no new token for " + token.name());
            }
        }
    }

    private Thread loop(String name, Runnable body) {
        Thread thread = new Thread(() -> {
            while (running.get()) {
                try {
                    body.run();
                } catch (Exception | AssertionError e) {
                    // a client keeps going whatever one call threw; the attempt was recorded by send()
                    pause(1_000);
                }
            }
        }, "load-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void get(String op, Token token, String path) {
        send(op, token, HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path)).GET(), null);
        pause(50);
    }

    private void comment() {
        String key = UUID.randomUUID().toString();
        String body = "fault comment " + runTag + " " + key;
        String json = "{\"body\":\"" + body + "\"}";
        if (repeat("comment", user, () -> HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/api/atoms/" + atom + "/comments"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json)), 201)) {
            comments.put(key, body);
        }
        pause(300);
    }

    private void publishVersion() {
        String version = "1." + versions.incrementAndGet() + ".0";
        String descriptor = """
                {"atom":{"displayName":"Fault suite Atom","summary":"Written while faults happen",
                  "description":"Registered by the fault suite %s.","kind":"VNF","category":"testing",
                  "tags":["faults"],"license":"Apache-2.0","sourceUrl":"https://git.example.org/faults"},
                 "artifacts":[{"type":"CONTAINER_IMAGE","reference":"registry.example.org/faults:%s","digest":"sha256:%s"}],
                 "languages":["Java"],"connectionPoints":[{"name":"in","protocol":"HTTP","direction":"IN"}],"releaseNotes":"faults"}"""
                .formatted(runTag, version, "e".repeat(64));
        repeat("ci-version", ci, () -> HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/api/atoms/" + atom + "/versions/" + version))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(descriptor)), 201, 200);
        pause(300);
    }

    /** Sends until an answer other than 502/503/504 or no answer comes, for at most two minutes; true on an expected status. */
    private boolean repeat(String op, Token token, Supplier<HttpRequest.Builder> request, int... expected) {
        Instant giveUp = Instant.now().plusSeconds(120);
        while (running.get() && Instant.now().isBefore(giveUp)) {
            int status = send(op, token, request.get(), null);
            for (int ok : expected) {
                if (status == ok) {
                    return true;
                }
            }
            if (status != 0 && status != 502 && status != 503 && status != 504) {
                return false;
            }
            pause(1_000);
        }
        return false;
    }

    private int send(String op, Token token, HttpRequest.Builder builder, String ignored) {
        String value = token.get();
        boolean expired = !Token.expiry(value).isAfter(Instant.now().plusSeconds(1));
        Instant start = Instant.now();
        int status;
        try {
            HttpResponse<byte[]> response = http.send(builder.timeout(Duration.ofSeconds(40))
                    .header("Authorization", "Bearer " + value).build(), HttpResponse.BodyHandlers.ofByteArray());
            status = response.statusCode();
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        samples.add(new Sample(start, op, status, Duration.between(start, Instant.now()).toMillis(), expired));
        return status;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
