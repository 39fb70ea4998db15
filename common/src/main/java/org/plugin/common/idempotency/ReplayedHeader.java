package org.plugin.common.idempotency;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/** Marks a replayed answer of a method that returns a body rather than a Response. */
@Provider
public class ReplayedHeader implements ContainerResponseFilter {

    private final CurrentVertxRequest request;

    ReplayedHeader(CurrentVertxRequest request) {
        this.request = request;
    }

    @Override
    public void filter(ContainerRequestContext requestContext, ContainerResponseContext responseContext) {
        var current = request.getCurrent();
        if (current != null && Boolean.TRUE.equals(current.get(IdempotencyInterceptor.REPLAYED))
                && !responseContext.getHeaders().containsKey(IdempotencyInterceptor.REPLAYED)) {
            responseContext.getHeaders().putSingle(IdempotencyInterceptor.REPLAYED, "true");
        }
    }
}
