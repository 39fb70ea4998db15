package org.plugin.atom.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.plugin.atom.client.TargetPolicy.RefusedTarget;
import org.plugin.atom.client.TargetPolicy.Target;
import org.plugin.atom.config.WebhookConfig;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Sends one webhook call: the URL checked again now by {@link TargetPolicy} (against DNS rebinding),
 * the connection made to the very address checked (the Host header and the TLS name stay the URL's),
 * connect and read timeouts, no redirect followed, the answer read up to a cap and discarded.
 */
@ApplicationScoped
public class WebhookSender {

    /** What a call came to: a status, or an error (no status) that names no address or URL. */
    public record Result(Integer status, String error, long durationMillis) {
        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final TargetPolicy policy;
    private final WebhookConfig config;
    private final HttpClient client;

    WebhookSender(TargetPolicy policy, WebhookConfig config, Vertx vertx) {
        this.policy = policy;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(Math.max(8, config.senders() * 2))
                .setVerifyHost(true)
                .setForceSni(true)
                .setTryUseCompression(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Posts {@code body} to {@code url} with {@code headers}; blocks the calling thread (never an event loop) until it is done. */
    public Result post(String url, byte[] body, Map<String, String> headers) {
        long start = System.nanoTime();
        Target target;
        try {
            target = policy.check(url);
        } catch (RefusedTarget e) {
            return new Result(null, "refused: " + e.getMessage(), elapsed(start));
        }
        long readTimeout = config.readTimeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(readTimeout);
        headers.forEach(options::putHeader);
        CompletableFuture<Integer> done = new CompletableFuture<>();
        int cap = config.maxResponseBytes();
        client.request(options).onFailure(done::completeExceptionally).onSuccess(request -> {
            request.response().onFailure(done::completeExceptionally).onSuccess(response -> {
                AtomicInteger read = new AtomicInteger();
                response.exceptionHandler(e -> done.complete(response.statusCode()));
                response.handler(chunk -> {
                    if (read.addAndGet(chunk.length()) > cap) {
                        done.complete(response.statusCode()); // enough: the rest is not read
                        request.connection().close();
                    }
                });
                response.endHandler(v -> done.complete(response.statusCode()));
            });
            request.end(Buffer.buffer(body)).onFailure(done::completeExceptionally);
        });
        long overall = config.connectTimeout().toMillis() + 2 * readTimeout;
        try {
            return new Result(done.get(overall, TimeUnit.MILLISECONDS), null, elapsed(start));
        } catch (TimeoutException e) {
            done.cancel(false);
            return new Result(null, "timeout: no complete answer within " + overall + " ms", elapsed(start));
        } catch (ExecutionException e) {
            return new Result(null, describe(e.getCause()), elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted", elapsed(start));
        }
    }

    /** A failure by its kind only: messages of network errors carry addresses. */
    static String describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        String kind = switch (name) {
            case "ConnectException", "AnnotatedConnectException" -> "connection refused";
            case "ConnectTimeoutException" -> "connect timeout";
            case "NoStackTraceTimeoutException", "TimeoutException" -> "read timeout";
            case "SSLHandshakeException", "SSLException" -> "TLS handshake failed";
            case "ClosedChannelException", "VertxException", "HttpClosedException" -> "connection closed";
            default -> name;
        };
        return "error: " + kind;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long elapsed(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
