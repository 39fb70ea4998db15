package org.plugin.common.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.ForbiddenException;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP layer's own refusals, before any resource runs, as problem+json like every other error
 * (without this, Quarkus and Vert.x answer them with an empty body):
 * <ul>
 * <li>a request id for every request: the caller's {@code X-Request-Id} when it is made of letters,
 * digits, '-' and '_' only (8-64 of them), a new one otherwise, so no address or other text of the
 * caller's choosing reaches the logs;</li>
 * <li>400 for a request URI that is not a valid URI ({@code | ^ { } "} not percent-encoded); with
 * {@code -Dvertx.disableURIValidation=true} (set by {@link ServiceMain}) the check is made here, not
 * by Quarkus's empty 400;</li>
 * <li>413 for a body over {@code quarkus.http.limits.max-body-size}: by its declared length before
 * it is read, and for a chunked body of unknown length once it passes the limit;</li>
 * <li>403 for a CORS request from an origin that is neither configured ({@code quarkus.http.cors.origins})
 * nor the service's own, or with a method CORS does not allow: the decision Quarkus's CORS filter
 * takes, which would answer it with an empty body;</li>
 * <li>any other failure of the HTTP layer (but 401, whose challenge Quarkus writes);</li>
 * <li>{@code Vary: Origin} on every answer when CORS is on, so no cache serves one origin's answer to another.</li>
 * </ul>
 * Requests the HTTP codec cannot parse at all (a malformed request line, a line or header block over
 * {@code quarkus.http.limits.max-initial-line-length} / {@code max-header-size}) never reach a
 * handler Quarkus lets an application install: those stay Vert.x's empty 400/414/431. The gateway's
 * limits are below the services', so through the gateway it answers them itself.
 */
@Singleton
public class HttpEdge {

    private static final Logger LOG = Logger.getLogger(HttpEdge.class);
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final long maxBodySize;
    private final boolean cors;
    private final List<String> origins;
    private final List<Pattern> originPatterns;
    private final List<String> methods;
    private final BodyHandler chunkedBodies;

    HttpEdge(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBodySize,
            @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean cors,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins,
            @ConfigProperty(name = "quarkus.http.cors.methods") Optional<List<String>> methods) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.cors = cors;
        this.origins = origins.orElse(List.of());
        this.originPatterns = CORSFilter.parseAllowedOriginsRegex(origins);
        this.methods = methods.orElse(List.of()).stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).toList();
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(this.maxBodySize);
    }

    void install(@Observes Router router) {
        router.route().order(-2000).handler(this::screen);
        router.route().order(-2000).failureHandler(this::failure);
    }

    void screen(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String id = request.getHeader(RequestIdFilter.HEADER);
        if (id == null || !SAFE_REQUEST_ID.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
            request.headers().set(RequestIdFilter.HEADER, id);
        }
        if (cors) {
            // a cache must keep answers per origin: CORS headers differ between origins (or are absent)
            ctx.addHeadersEndHandler(v -> varyByOrigin(ctx.response().headers()));
        }
        if (!validUri(request.uri())) {
            problem(ctx, 400, "The request URI is malformed: characters such as | ^ { } \" < > \\ and spaces must be percent-encoded");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOver(length)) {
            tooLarge(ctx);
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (cors && origin != null) {
            if (!originAllowed(request, origin)) {
                problem(ctx, 403, "Requests from origin '" + printable(origin) + "' are not allowed (CORS)");
                return;
            }
            if (!methods.isEmpty() && !methods.contains(request.method().name())) {
                problem(ctx, 403, "The method " + request.method().name() + " is not allowed for cross-origin requests (CORS)");
                return;
            }
        }
        if (length == null && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // a body of unknown length: read it here, so that passing the limit is a 413 problem
            chunkedBodies.handle(ctx);
            return;
        }
        ctx.next();
    }

    void failure(RoutingContext ctx) {
        if (ctx.failure() instanceof ForbiddenException && !ctx.response().headWritten()) {
            // a role an HTTP permission requires (the internal OpenAPI document), refused before any resource
            problem(ctx, 403, "Your token does not carry a role this operation requires");
            return;
        }
        int status = ctx.statusCode() < 0 ? 500 : ctx.statusCode();
        if (ctx.response().headWritten() || ctx.response().ended() || status == 401) {
            ctx.next();
            return;
        }
        if (status == 413) {
            tooLarge(ctx);
            return;
        }
        if (status >= 500) {
            LOG.error("Request failed in the HTTP layer", ctx.failure());
        }
        problem(ctx, status, switch (status) {
            case 400 -> "The request is malformed";
            case 403 -> "This request is not allowed";
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this resource";
            case 408 -> "The request took too long to arrive";
            case 414 -> "The request URI is too long";
            case 431 -> "The request headers are too large";
            default -> status >= 500 ? "An internal error occurred" : "The request cannot be handled";
        });
    }

    private void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        problem(ctx, 413, "The request body exceeds the limit of " + maxBodySize + " bytes");
    }

    static void problem(RoutingContext ctx, int status, String detail) {
        var reason = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
        JsonObject body = new JsonObject().put("type", ProblemType.of(status).uri().toString()).put("status", status).put("title", reason).put("detail", detail)
                .put("instance", ctx.request().path());
        String id = ctx.request().getHeader(RequestIdFilter.HEADER);
        if (id != null) {
            body.put("requestId", id);
            ctx.response().putHeader(RequestIdFilter.HEADER, id);
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json").end(body.encode());
    }

    static void varyByOrigin(io.vertx.core.MultiMap headers) {
        String vary = String.join(", ", headers.getAll(HttpHeaders.VARY));
        if (vary.isBlank()) {
            headers.set(HttpHeaders.VARY, "Origin");
        } else if (java.util.Arrays.stream(vary.split(",")).map(String::strip).noneMatch(v -> v.equalsIgnoreCase("Origin") || v.equals("*"))) {
            headers.set(HttpHeaders.VARY, vary + ", Origin");
        }
    }

    static boolean validUri(String uri) {
        if (uri == null || uri.isEmpty()) {
            return false;
        }
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private boolean originAllowed(HttpServerRequest request, String origin) {
        return origins.contains("*") || origins.contains(origin) || CORSFilter.isOriginAllowedByRegex(originPatterns, origin)
                || sameOrigin(request, origin);
    }

    /** The origin the request was sent to (forwarded headers included, when from a trusted proxy). */
    static boolean sameOrigin(HttpServerRequest request, String origin) {
        try {
            URI o = new URI(origin);
            String scheme = request.scheme();
            if (o.getScheme() == null || o.getHost() == null || scheme == null || request.authority() == null
                    || !o.getScheme().equalsIgnoreCase(scheme) || !o.getHost().equalsIgnoreCase(request.authority().host())) {
                return false;
            }
            int defaultPort = "https".equalsIgnoreCase(scheme) ? 443 : 80;
            int originPort = o.getPort() < 0 ? defaultPort : o.getPort();
            int requestPort = request.authority().port() < 0 ? defaultPort : request.authority().port();
            return originPort == requestPort && (o.getPath() == null || o.getPath().isEmpty());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.codePoints().allMatch(c -> c > 0x20 && c < 0x7F) ? cut : "(not printable)";
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
