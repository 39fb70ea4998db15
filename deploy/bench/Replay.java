import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sends API requests read from standard input, one per line ({@code METHOD<TAB>PATH[<TAB>JSON body]}),
 * with a few connections in parallel and a bearer token from the provider (renewed before it
 * expires), and counts the answers by status. The bench loads its API-made data sets with it.
 * Exits 1 when an answer has a status that was not expected.
 *
 * <pre>
 * java Replay.java --base http://127.0.0.1:8082 --token-url URL --client ID (--secret S | --user U --password P)
 *      [--concurrency 4] [--expect 200,201] &lt; requests.tsv
 * </pre>
 * Java 17, no dependency: run as a source file.
 */
public class Replay {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration TOKEN_RENEWAL = Duration.ofSeconds(200);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> options;
    private volatile String token;
    private volatile long tokenAt;

    Replay(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("base", "token-url", "client")) {
            if (!options.containsKey(required)) {
                usage("missing --" + required);
            }
        }
        System.exit(new Replay(options).run());
    }

    private static void usage(String problem) {
        System.err.println("Replay: " + problem);
        System.err.println("usage: java Replay.java --base URL --token-url URL --client ID (--secret S | --user U --password P)"
                + " [--concurrency N] [--expect 200,201] < requests.tsv");
        System.exit(2);
    }

    int run() throws Exception {
        List<String[]> requests = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    requests.add(line.split("\t", 3));
                }
            }
        }
        Set<Integer> expected = java.util.Arrays.stream(options.getOrDefault("expect", "200,201").split(","))
                .map(String::trim).map(Integer::valueOf).collect(Collectors.toSet());
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "4"));
        renewToken();
        var queue = new ConcurrentLinkedQueue<>(requests);
        Map<Integer, AtomicInteger> byStatus = new TreeMap<>();
        List<String> surprises = java.util.Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(start(() -> {
                String[] r;
                while ((r = queue.poll()) != null) {
                    int status = send(r, expected, surprises);
                    synchronized (byStatus) {
                        byStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long unexpected = byStatus.entrySet().stream().filter(e -> !expected.contains(e.getKey())).mapToLong(e -> e.getValue().get()).sum();
        System.out.printf("%d requests in %.1f s (%.0f/s), by status: %s%n", requests.size(), seconds, requests.size() / seconds, byStatus);
        surprises.forEach(s -> System.out.println("  unexpected: " + s));
        return unexpected == 0 ? 0 : 1;
    }

    private int send(String[] r, Set<Integer> expected, List<String> surprises) {
        for (int attempt = 0; ; attempt++) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(options.get("base") + r[1])).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + currentToken());
                if (r.length > 2 && !r[2].isEmpty()) {
                    b.header("Content-Type", "application/json").method(r[0], HttpRequest.BodyPublishers.ofString(r[2]));
                } else {
                    b.method(r[0], HttpRequest.BodyPublishers.noBody());
                }
                HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (!expected.contains(response.statusCode()) && surprises.size() < 5) {
                    surprises.add(r[0] + " " + r[1] + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
                }
                return response.statusCode();
            } catch (java.io.IOException e) {
                if (attempt >= 2) {
                    surprises.add(r[0] + " " + r[1] + " failed: " + e);
                    return -1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private String currentToken() throws java.io.IOException, InterruptedException {
        if (System.nanoTime() - tokenAt > TOKEN_RENEWAL.toNanos()) {
            synchronized (this) {
                if (System.nanoTime() - tokenAt > TOKEN_RENEWAL.toNanos()) {
                    renewToken();
                }
            }
        }
        return token;
    }

    private void renewToken() throws java.io.IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", options.get("client"));
        if (options.containsKey("user")) {
            form.put("grant_type", "password");
            form.put("username", options.get("user"));
            form.put("password", options.get("password"));
        } else {
            form.put("grant_type", "client_credentials");
            form.put("client_secret", options.get("secret"));
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(options.get("token-url")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no token from " + options.get("token-url") + ": " + response.statusCode() + " " + abbreviate(response.body()));
        }
        token = m.group(1);
        tokenAt = System.nanoTime();
    }

    private static Thread start(Runnable work) {
        Thread t = new Thread(work);
        t.start();
        return t;
    }
}
