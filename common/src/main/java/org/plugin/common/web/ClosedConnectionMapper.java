package org.plugin.common.web;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.vertx.core.http.HttpClosedException;

/**
 * A client that closes its connection while its request body is being read (a load generator
 * stopping, a CI job cancelled, a browser tab closed) is not a server error: nothing was read, nothing
 * changed, and nobody is left to hear the answer. It used to reach the default mapper and be logged
 * as a 500 with its stack trace, an alert for nothing. It is answered 400 (logged as a client error,
 * without a trace); every other I/O failure stays a 500, as before. The close shows as Vert.x's
 * {@link HttpClosedException} when it happens during the read, and as a {@link ClosedChannelException}
 * when the connection was already gone as the read began (a CI load stopping mid-request logged both).
 */
@Provider
@Priority(1)
public class ClosedConnectionMapper extends ExceptionMapperBase<IOException> {

    @Override
    protected HttpProblem toProblem(IOException e) {
        if (closedByClient(e)) {
            return HttpProblem.builder().withStatus(Response.Status.BAD_REQUEST).withTitle(Response.Status.BAD_REQUEST.getReasonPhrase())
                    .withDetail("The connection closed before the request body was read; nothing was changed").build();
        }
        return HttpProblem.valueOf(Response.Status.INTERNAL_SERVER_ERROR);
    }

    static boolean closedByClient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpClosedException || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }
}
