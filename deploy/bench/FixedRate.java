import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate load (wrk2's method): request i is due at start + i / rate, whatever happened to
 * the requests before it, and its latency is counted from when it was due, not from when it could
 * be sent. A server that stalls for a second therefore shows a second of latency on every request
 * that should have gone out in that second (no coordinated omission), where a closed-loop tool
 * (wrk) would just send fewer requests. GETs of the paths in turn, with a bearer token, over plain
 * HTTP/1.1 keep-alive connections.
 *
 * <pre>
 * java FixedRate.java --base URL --paths FILE --token TOKEN --rate 1000 --seconds 20 [--warm-seconds 10]
 *      [--measuring FILE] [--connections 64] [--out result.json]
 * </pre>
 * {@code --warm-seconds} runs the same load first, in the same JVM, and forgets it: the server and
 * this generator are both warm when the measured run starts. A generator started cold for the
 * measured run compiles its own code meanwhile, on the cores the server uses: its late sends then
 * counted as the server's latency (direct p99 23 to 1,686 ms over six rounds of one load, three above
 * 700 ms; 15 to 182 ms over eleven rounds warm; deploy/bench/RESULTS.md). {@code --measuring FILE}
 * is created when the measured run starts, so a caller can read its CPU counters then.
 *
 * Prints (and writes to --out) one JSON object: the rate asked and achieved, p50/p90/p99/p99.9/max of
 * the latency from the due time, the same from the actual send (service time), errors (non-2xx,
 * failed requests), requests late to leave by more than 1 ms (no connection free at their due time,
 * or the generator's thread woken late on a busy machine: their latency still counts from the due
 * time, so the figures include that delay, as wrk2's do), and whether the rate was kept: {@code
 * "kept_rate": true} only if every request was answered and the achieved rate is at least 98 % of
 * the rate asked. When the machine (the server or this generator) fell behind, latencies from the due
 * time only measure the backlog: {@code "kept_rate": false}, with the reason in {@code "behind"}, and
 * the figures must not be read as the latency at that rate.
 *
 * <p>Why not the JDK's HTTP client: on the bench's two cores it cost more CPU per request than the
 * service it measured and paused on its own, so it could not keep even a quarter of the saturation
 * rate (deploy/bench/RESULTS.md). Here one thread sends each request at its due time (parked, not
 * spinning) on a free connection, and one thread reads the answers (a selector: it wakes when bytes
 * arrive) and parses only the status line and the body's length (Content-Length or chunked).
 * Java 17, no dependency: run as a source file.
 */
public class FixedRate {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI base = URI.create(o.get("base"));
        if (!"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("only http:// bases are supported: " + base);
        }
        List<String> paths = Files.readAllLines(Path.of(o.get("paths"))).stream().filter(l -> !l.isBlank()).toList();
        String token = o.get("token");
        double rate = Double.parseDouble(o.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
        int warm = Integer.parseInt(o.getOrDefault("warm-seconds", "0"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "64"));
        if (warm > 0) {
            new Run(base, paths, token, rate, warm, connections).run();
        }
        if (o.containsKey("measuring")) {
            Files.writeString(Path.of(o.get("measuring")), "");
        }
        String json = new Run(base, paths, token, rate, seconds, connections).run();
        System.out.println(json);
        if (o.containsKey("out")) {
            Files.writeString(Path.of(o.get("out")), json + "\n");
        }
        System.exit(0);
    }

    /** One connection: owned by the sender while it writes a request, by the reader until the answer is complete. */
    static final class Conn {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        byte[] pending = new byte[8 * 1024]; // bytes of the answer being parsed (the reader's only)
        int pendingLength;
        long due;
        long sent;
        // written last by the sender, read first by the reader: due and sent are visible with it
        volatile int request = -1;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    static final class Run {
        final InetSocketAddress address;
        final byte[][] requests;
        final double rate;
        final int total;
        final int connections;
        final long[] fromDue;
        final long[] fromSend;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger non2xx = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger lateSends = new AtomicInteger();
        final Object lock = new Object();
        final ArrayDeque<Conn> idle = new ArrayDeque<>();
        final ArrayDeque<long[]> waiting = new ArrayDeque<>(); // {request, due} with no free connection at their due time
        final ArrayDeque<Conn> toRegister = new ArrayDeque<>();
        final Selector selector;
        volatile boolean stop;

        Run(URI base, List<String> paths, String token, double rate, int seconds, int connections) throws IOException {
            this.address = new InetSocketAddress(base.getHost(), base.getPort() > 0 ? base.getPort() : 80);
            String host = base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
            String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceFirst("/$", "");
            this.requests = new byte[paths.size()][];
            for (int i = 0; i < paths.size(); i++) {
                requests[i] = ("GET " + prefix + paths.get(i) + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                        + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            }
            this.rate = rate;
            this.total = (int) Math.round(rate * seconds);
            this.connections = connections;
            this.fromDue = new long[total];
            this.fromSend = new long[total];
            this.selector = Selector.open();
        }

        Conn open() throws IOException {
            SocketChannel channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(address);
            channel.configureBlocking(false);
            return new Conn(channel);
        }

        String run() throws Exception {
            for (int i = 0; i < connections; i++) {
                Conn c = open();
                c.channel.register(selector, SelectionKey.OP_READ, c);
                idle.add(c);
            }
            Thread reader = new Thread(this::read, "fixed-rate-reader");
            reader.setDaemon(true);
            reader.start();
            double intervalNanos = 1e9 / rate;
            long start = System.nanoTime() + 50_000_000L;
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * intervalNanos);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                Conn c;
                synchronized (lock) {
                    c = idle.poll();
                    if (c == null) {
                        waiting.add(new long[] { i, due });
                        continue;
                    }
                }
                send(c, i, due);
            }
            long lastDue = start + (long) (total * intervalNanos);
            while (done.get() < total && System.nanoTime() - lastDue < TimeUnit.SECONDS.toNanos(15)) {
                Thread.sleep(5);
            }
            stop = true;
            selector.wakeup();
            reader.join(2000);
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
            selector.close();
            return result(start, lastDue);
        }

        /** Writes request i on c (c is this thread's until the answer is read). */
        void send(Conn c, int i, long due) {
            long now = System.nanoTime();
            if (now - due > 1_000_000L) {
                lateSends.incrementAndGet();
            }
            c.due = due;
            c.sent = now;
            c.request = i;
            ByteBuffer out = ByteBuffer.wrap(requests[i % requests.length]);
            try {
                while (out.hasRemaining()) {
                    if (c.channel.write(out) == 0) {
                        Thread.onSpinWait();
                    }
                }
            } catch (IOException e) {
                fail(c);
            }
        }

        /** The request on c failed (connection lost): counted, and c replaced by a new connection. */
        void fail(Conn c) {
            int n = c.request;
            c.request = -1;
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
            if (n >= 0) {
                long end = System.nanoTime();
                fromDue[n] = end - c.due;
                fromSend[n] = end - c.sent;
                failed.incrementAndGet();
                done.incrementAndGet();
            }
            try {
                Conn fresh = open();
                synchronized (lock) {
                    toRegister.add(fresh);
                }
                selector.wakeup();
            } catch (IOException e) {
                // one connection fewer; the rest carry on
            }
        }

        void read() {
            try {
                while (!stop) {
                    selector.select();
                    synchronized (lock) {
                        Conn fresh;
                        while ((fresh = toRegister.poll()) != null) {
                            fresh.channel.register(selector, SelectionKey.OP_READ, fresh);
                            release(fresh);
                        }
                    }
                    var keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        Conn c = (Conn) key.attachment();
                        if (key.isValid() && key.isReadable()) {
                            readFrom(key, c);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!stop) {
                    e.printStackTrace();
                }
            }
        }

        void readFrom(SelectionKey key, Conn c) {
            int n;
            try {
                c.in.clear();
                n = c.channel.read(c.in);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                key.cancel();
                fail(c);
                return;
            }
            c.in.flip();
            if (c.pendingLength + n > c.pending.length) {
                c.pending = Arrays.copyOf(c.pending, Math.max(c.pending.length * 2, c.pendingLength + n));
            }
            c.in.get(c.pending, c.pendingLength, n);
            c.pendingLength += n;
            int status = complete(c.pending, c.pendingLength);
            if (status == 0) {
                return; // more bytes to come
            }
            long end = System.nanoTime();
            int i = c.request;
            c.pendingLength = 0;
            if (i >= 0) {
                fromDue[i] = end - c.due;
                fromSend[i] = end - c.sent;
                if (status < 200 || status > 299) {
                    non2xx.incrementAndGet();
                }
                done.incrementAndGet();
            }
            c.request = -1;
            release(c);
        }

        /** c is free: it takes the oldest request left waiting, or goes back to the idle ones. */
        void release(Conn c) {
            long[] next;
            synchronized (lock) {
                next = waiting.poll();
                if (next == null) {
                    idle.add(c);
                    return;
                }
            }
            send(c, (int) next[0], next[1]);
        }

        /** The status of the answer in buf[0, length) when it is complete, 0 while bytes are missing. */
        static int complete(byte[] buf, int length) {
            int headersEnd = indexOf(buf, length, 0, HEADERS_END);
            if (headersEnd < 0) {
                return 0;
            }
            String head = new String(buf, 0, headersEnd, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            int bodyStart = headersEnd + 4;
            String lower = head.toLowerCase(Locale.ROOT);
            int cl = lower.indexOf("\r\ncontent-length:");
            if (cl >= 0) {
                int eol = lower.indexOf("\r\n", cl + 2);
                long bodyLength = Long.parseLong(lower.substring(cl + 17, eol < 0 ? lower.length() : eol).trim());
                return length - bodyStart >= bodyLength ? status : 0;
            }
            if (lower.contains("\r\ntransfer-encoding: chunked")) {
                int at = bodyStart;
                while (true) {
                    int eol = indexOf(buf, length, at, CRLF);
                    if (eol < 0) {
                        return 0;
                    }
                    String size = new String(buf, at, eol - at, StandardCharsets.ISO_8859_1);
                    int semicolon = size.indexOf(';');
                    int chunk = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                    if (chunk == 0) {
                        // no trailers are sent to this client: the last chunk ends with an empty line
                        return indexOf(buf, length, eol + 2, CRLF) >= 0 ? status : 0;
                    }
                    at = eol + 2 + chunk + 2;
                    if (at > length) {
                        return 0;
                    }
                }
            }
            return status == 204 || status == 304 ? status : 0;
        }

        static final byte[] CRLF = { '\r', '\n' };
        static final byte[] HEADERS_END = { '\r', '\n', '\r', '\n' };

        static int indexOf(byte[] buf, int length, int from, byte[] w) {
            outer:
            for (int i = from; i <= length - w.length; i++) {
                for (int j = 0; j < w.length; j++) {
                    if (buf[i + j] != w[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        String result(long start, long lastDue) {
            double elapsed = (Math.max(System.nanoTime(), lastDue) - start) / 1e9;
            int completed = done.get();
            double achieved = completed / elapsed;
            List<String> behind = new ArrayList<>();
            if (completed < total) {
                behind.add((total - completed) + " of " + total + " requests unanswered");
            }
            if (achieved < 0.98 * rate) {
                behind.add(String.format(Locale.ROOT, "achieved %.1f of %.1f req/s", achieved, rate));
            }
            // a request that left late still counts its latency from its due time (the figures include the
            // delay); it is reported, and only a rate not kept makes the run invalid

            long[] due = Arrays.copyOf(fromDue, total);
            long[] send = Arrays.copyOf(fromSend, total);
            Arrays.sort(due);
            Arrays.sort(send);
            return String.format(Locale.ROOT,
                    "{\"rate_asked\":%.1f,\"rps\":%.1f,\"requests\":%d,\"completed\":%d,\"non2xx\":%d,\"failed\":%d,\"late_sends\":%d,"
                            + "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,"
                            + "\"service_p50_ms\":%.3f,\"service_p99_ms\":%.3f,\"kept_rate\":%s,\"behind\":\"%s\"}",
                    rate, achieved, total, completed, non2xx.get(), failed.get() + (total - completed), lateSends.get(),
                    ms(due, 0.50), ms(due, 0.90), ms(due, 0.99), ms(due, 0.999), due[total - 1] / 1e6, ms(send, 0.50), ms(send, 0.99),
                    behind.isEmpty(), String.join("; ", behind));
        }
    }

    static double ms(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
