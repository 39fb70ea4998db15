package org.plugin.contributor.rest;

import java.util.Set;

import org.plugin.testing.InternalDocumentContract;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The public document without the internal API, the internal document with all of it: {@link InternalDocumentContract}. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class InternalDocumentTest extends InternalDocumentContract {

    @Override
    protected String publicDocument() {
        return "/api/contributors/openapi";
    }

    @Override
    protected Set<String> internalOperations() {
        return Set.of("POST /internal/contributors/names", "GET /internal/contributors/resolve",
                "GET /internal/contributors/{id}/personal-data", "PATCH /internal/contributors/{id}",
                "PUT /internal/contributors/{id}/restriction", "POST /internal/contributors/{id}/erasure",
                "GET /internal/clock", "POST /internal/clock/advance", "POST /internal/clock/reset");
    }
}
