import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate load (wrk2's method): request i is due at start + i / rate, whatever happened to
 * the requests before it, and its latency is counted from when it was due, not from when it could
 * be sent. A server that stalls for a second therefore shows a second of latency on every request
 * that should have gone out in that second (no coordinated omission), where a closed-loop tool
 * (wrk) would just send fewer requests. GETs of the paths in turn, with a bearer token.
 *
 * <pre>
 * java FixedRate.java --base URL --paths FILE --token TOKEN --rate 1000 --seconds 20 [--warm-seconds 10]
 *      [--connections 64] [--out result.json]
 * </pre>
 * Prints (and writes to --out) one JSON object: the rate asked and achieved, p50/p90/p99/p99.9/max of
 * the latency from the due time, the same from the actual send (service time), errors (non-2xx,
 * failed requests), requests late to leave by more than 1 ms (the generator itself behind), and whether
 * the rate was kept: {@code "kept_rate": true} only if every request was answered, the achieved rate is
 * at least 98 % of the rate asked and at most 1 % of the requests left more than 1 ms after their due
 * time. When the machine (the server or this generator) fell behind, latencies from the due time only
 * measure the backlog: {@code "kept_rate": false}, with the reason in {@code "behind"}, and the figures
 * must not be read as the latency at that rate.
 * Java 17, no dependency: run as a source file.
 */
public class FixedRate {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String base = o.get("base");
        List<String> paths = Files.readAllLines(Path.of(o.get("paths"))).stream().filter(l -> !l.isBlank()).toList();
        String token = o.get("token");
        double rate = Double.parseDouble(o.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
        int warm = Integer.parseInt(o.getOrDefault("warm-seconds", "0"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "64"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(2)).build();
        if (warm > 0) {
            run(http, base, paths, token, rate, warm, connections);
        }
        String json = run(http, base, paths, token, rate, seconds, connections).json();
        System.out.println(json);
        if (o.containsKey("out")) {
            Files.writeString(Path.of(o.get("out")), json + "\n");
        }
        System.exit(0);
    }

    record Result(String json) {
    }

    static Result run(HttpClient http, String base, List<String> paths, String token, double rate, int seconds, int connections)
            throws InterruptedException {
        int total = (int) Math.round(rate * seconds);
        long[] fromDue = new long[total];
        long[] fromSend = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger non2xx = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lateSends = new AtomicLong();
        // at most this many requests in flight (as many connections): when all are busy the next request
        // leaves late, and its latency still counts from when it was due
        Semaphore inFlight = new Semaphore(connections);
        double intervalNanos = 1e9 / rate;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * intervalNanos);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000L));
            }
            inFlight.acquire();
            long sent = System.nanoTime();
            if (sent - due > 1_000_000L) {
                lateSends.incrementAndGet();
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size())))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
            int n = i;
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long end = System.nanoTime();
                fromDue[n] = end - due;
                fromSend[n] = end - sent;
                if (error != null) {
                    failed.incrementAndGet();
                } else if (response.statusCode() / 100 != 2) {
                    non2xx.incrementAndGet();
                }
                inFlight.release();
                done.incrementAndGet();
            });
        }
        long lastDue = start + (long) (total * intervalNanos);
        while (done.get() < total && System.nanoTime() - lastDue < TimeUnit.SECONDS.toNanos(15)) {
            Thread.sleep(5);
        }
        double elapsed = (Math.max(System.nanoTime(), lastDue) - start) / 1e9;
        int completed = done.get();
        double achieved = completed / elapsed;
        List<String> behind = new java.util.ArrayList<>();
        if (completed < total) {
            behind.add((total - completed) + " of " + total + " requests unanswered");
        }
        if (achieved < 0.98 * rate) {
            behind.add(String.format(Locale.ROOT, "achieved %.1f of %.1f req/s", achieved, rate));
        }
        if (lateSends.get() > total / 100) {
            behind.add(lateSends.get() + " of " + total + " requests left over 1 ms late");
        }
        long[] due = Arrays.copyOf(fromDue, total);
        long[] send = Arrays.copyOf(fromSend, total);
        Arrays.sort(due);
        Arrays.sort(send);
        return new Result(String.format(Locale.ROOT,
                "{\"rate_asked\":%.1f,\"rps\":%.1f,\"requests\":%d,\"completed\":%d,\"non2xx\":%d,\"failed\":%d,\"late_sends\":%d,"
                        + "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,"
                        + "\"service_p50_ms\":%.3f,\"service_p99_ms\":%.3f,\"kept_rate\":%s,\"behind\":\"%s\"}",
                rate, achieved, total, completed, non2xx.get(), failed.get() + (total - completed), lateSends.get(),
                ms(due, 0.50), ms(due, 0.90), ms(due, 0.99), ms(due, 0.999), due[total - 1] / 1e6, ms(send, 0.50), ms(send, 0.99),
                behind.isEmpty(), String.join("; ", behind)));
    }

    static double ms(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
