package org.plugin.contributor.rest;

import org.plugin.testing.HttpEdgeContract;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The HTTP layer's refusals as problems, safe request ids, limits above the gateway's: {@link HttpEdgeContract}. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class HttpEdgeTest extends HttpEdgeContract {

    @Override
    protected String readablePath() {
        return "/api/contributors";
    }

    @Override
    protected String writablePath() {
        return "/api/contributors";
    }

    @Override
    protected String writeMethod() {
        return "POST";
    }
}
