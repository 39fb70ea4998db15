import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * The bench's webhook receiver: answers every POST 204 at once, and for each CloudEvent records when it
 * arrived against its {@code time} (when the event was committed), and whether this (event, delivery)
 * was seen before. Stops after {@code --expect} deliveries or {@code --timeout} seconds without one, and
 * prints one JSON line: count, duplicates, latency p50/p90/p99/max (ms, event time to receipt), and the
 * rate from the first receipt to the last (deliveries/s).
 *
 * <pre>
 * java WebhookReceiver.java --port 20150 --expect 5000 [--timeout 60] [--label burst]
 * </pre>
 */
public class WebhookReceiver {

    private static final Pattern TIME = Pattern.compile("\"time\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int port = 0;
        int expect = 1;
        int timeout = 60;
        String label = "webhooks";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--expect" -> expect = Integer.parseInt(args[i + 1]);
                case "--timeout" -> timeout = Integer.parseInt(args[i + 1]);
                case "--label" -> label = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> receipts = new ConcurrentLinkedQueue<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger count = new AtomicInteger();
        Object done = new Object();
        int wanted = expect;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            long now = System.currentTimeMillis();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            Matcher t = TIME.matcher(body);
            Matcher id = ID.matcher(body);
            String delivery = exchange.getRequestHeaders().getFirst("Plugin-Delivery");
            if (!seen.add((id.find() ? id.group(1) : "?") + "/" + delivery)) {
                duplicates.incrementAndGet();
            }
            if (t.find()) {
                latencies.add(now - OffsetDateTime.parse(t.group(1)).toInstant().toEpochMilli());
            }
            receipts.add(now);
            if (count.incrementAndGet() >= wanted) {
                synchronized (done) {
                    done.notifyAll();
                }
            }
        });
        server.start();
        System.err.println("receiver listening on 127.0.0.1:" + server.getAddress().getPort());
        int last = -1;
        long quietSince = System.nanoTime();
        while (count.get() < expect) {
            synchronized (done) {
                done.wait(500);
            }
            if (count.get() != last) {
                last = count.get();
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(timeout).toNanos()) {
                break;
            }
        }
        Thread.sleep(1000); // late duplicates
        server.stop(0);
        List<Long> l = new ArrayList<>(latencies);
        Collections.sort(l);
        List<Long> r = new ArrayList<>(receipts);
        Collections.sort(r);
        double seconds = r.size() < 2 ? 0 : (r.get(r.size() - 1) - r.get(0)) / 1000.0;
        System.out.printf("{\"scenario\":\"%s\",\"expected\":%d,\"received\":%d,\"duplicates\":%d,\"p50_ms\":%d,\"p90_ms\":%d,\"p99_ms\":%d,"
                + "\"max_ms\":%d,\"rate_per_s\":%.1f,\"at\":\"%s\"}%n", label, expect, count.get(), duplicates.get(), pct(l, 0.50), pct(l, 0.90),
                pct(l, 0.99), l.isEmpty() ? -1 : l.get(l.size() - 1), seconds == 0 ? 0 : (r.size() - 1) / seconds, Instant.now());
        System.exit(count.get() >= expect ? 0 : 1);
    }

    static long pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
