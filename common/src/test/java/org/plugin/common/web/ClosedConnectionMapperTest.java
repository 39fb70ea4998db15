package org.plugin.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import org.junit.jupiter.api.Test;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.vertx.core.http.HttpClosedException;

class ClosedConnectionMapperTest {

    private final ClosedConnectionMapper mapper = new ClosedConnectionMapper();

    @Test
    void aConnectionClosedDuringTheReadIsAClientError() {
        HttpProblem problem = mapper.toProblem(new IOException(new HttpClosedException("Connection was closed")));
        assertThat(problem.getStatusCode()).isEqualTo(400);
        assertThat(problem.getDetail()).isEqualTo("The connection closed before the request body was read; nothing was changed");
    }

    @Test
    void aConnectionAlreadyGoneWhenTheReadBeganIsAClientError() {
        // what RESTEasy Reactive's blocking input throws when the connection closed before it was created
        HttpProblem wrapped = mapper.toProblem(new IOException(new ClosedChannelException()));
        assertThat(wrapped.getStatusCode()).isEqualTo(400);
        assertThat(mapper.toProblem(new ClosedChannelException()).getStatusCode()).isEqualTo(400);
    }

    @Test
    void anyOtherIoFailureStaysAServerError() {
        assertThat(mapper.toProblem(new IOException("No space left on device")).getStatusCode()).isEqualTo(500);
        assertThat(mapper.toProblem(new IOException("read failed", new IOException("Connection reset by peer"))).getStatusCode()).isEqualTo(500);
    }
}
