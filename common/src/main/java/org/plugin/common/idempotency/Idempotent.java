package org.plugin.common.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a resource method that creates something: a client may send an {@value #HEADER} header, and
 * the same key with the same request within {@link IdempotencyStore#RETENTION} returns the first
 * answer without writing again; the same key with another request is 422. See
 * {@link IdempotencyInterceptor}.
 */
@InterceptorBinding
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {

    String HEADER = "Idempotency-Key";

    /** The header's description in the OpenAPI documents. */
    String DESCRIPTION = "Makes a retry safe: the same key (1 to 255 visible ASCII characters, e.g. a UUID) with the same "
            + "request within 24 hours answers what the first answered, with Idempotent-Replayed: true, without writing "
            + "again; the same key with another request is 422. Keys are per caller.";
}
