package org.plugin.common.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.plugin.common.error.DomainException;
import org.plugin.common.security.CurrentCaller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Safe retries of creating requests ({@link Idempotent}). Without the header the request runs as
 * it always did. With it, one transaction encloses the whole request: the key is claimed first
 * (a concurrent request with the same key waits on it), the request runs (the services' own
 * transactions join this one), and its answer is kept for the key before the commit. So either the
 * write and the kept answer are both committed, or neither is and a retry runs the request again;
 * a retry after a lost answer (the client saw a 502 or a reset) gets the first answer, with
 * {@code Idempotent-Replayed: true}, and nothing is written twice.
 *
 * <p>The key is per caller (the token's subject, else its client). The request is identified by its
 * method, path and arguments as the resource received them (the parsed body, so a body that differs
 * only in spacing or member order is the same request); another request under a used key is 422.
 * Only successful answers are kept: a refusal or an error releases the key.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class IdempotencyInterceptor {

    public static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    IdempotencyStore store;

    @Inject
    CurrentCaller caller;

    @Inject
    CurrentVertxRequest request;

    @Inject
    ObjectMapper json;

    @AroundInvoke
    Object around(InvocationContext context) throws Exception {
        String key = request.getCurrent().request().getHeader(Idempotent.HEADER);
        if (key == null) {
            return context.proceed();
        }
        if (!validKey(key)) {
            throw DomainException.invalid("The Idempotency-Key header must be 1 to 255 visible ASCII characters");
        }
        String who = who();
        String fingerprint = fingerprint(context);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Optional<IdempotencyStore.Answer> kept = store.claim(who, key, fingerprint);
                if (kept.isPresent()) {
                    return replay(context, kept.get(), fingerprint);
                }
                Object result = proceed(context);
                Response answer = result instanceof Response r ? r : null;
                int status = answer == null ? (result == null ? 204 : 200) : answer.getStatus();
                if (status >= 200 && status < 300) {
                    Object entity = answer == null ? result : answer.getEntity();
                    String location = answer == null || answer.getLocation() == null ? null : answer.getLocation().toString();
                    store.keep(who, key, status, location, entity == null ? null : json.writeValueAsString(entity));
                } else {
                    store.release(who, key);
                }
                return result;
            });
        } catch (Wrapped e) {
            throw e.checked;
        }
    }

    private static Object proceed(InvocationContext context) {
        try {
            return context.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new Wrapped(e);
        }
    }

    private Object replay(InvocationContext context, IdempotencyStore.Answer kept, String fingerprint) throws JsonProcessingException {
        if (!kept.fingerprint().equals(fingerprint)) {
            throw DomainException.unprocessable("This Idempotency-Key was used for another request: "
                    + "use a new key for a new request");
        }
        request.getCurrent().put(REPLAYED, Boolean.TRUE);
        Class<?> type = context.getMethod().getReturnType();
        if (Response.class.isAssignableFrom(type)) {
            var builder = Response.status(kept.status()).header(REPLAYED, "true");
            if (kept.location() != null) {
                builder.header(HttpHeaders.LOCATION, kept.location());
            }
            if (kept.body() != null) {
                builder.entity(kept.body()).type(MediaType.APPLICATION_JSON_TYPE);
            }
            return builder.build();
        }
        return kept.body() == null || type == void.class ? null : json.readValue(kept.body(), type);
    }

    private String who() {
        var current = caller.get();
        if (current.subject() != null) {
            return current.subject();
        }
        return current.client() == null ? "anonymous" : "client:" + current.client();
    }

    private String fingerprint(InvocationContext context) throws JsonProcessingException, NoSuchAlgorithmException {
        var vertx = request.getCurrent().request();
        StringBuilder text = new StringBuilder(vertx.method().name()).append(' ').append(vertx.path());
        for (Object argument : context.getParameters()) {
            text.append('\n').append(json.writeValueAsString(argument));
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    static boolean validKey(String key) {
        if (key.isEmpty() || key.length() > 255) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** A checked exception of the resource method, carried out of the transaction's callable. */
    private static final class Wrapped extends RuntimeException {
        final Exception checked;

        Wrapped(Exception checked) {
            super(checked);
            this.checked = checked;
        }
    }
}
