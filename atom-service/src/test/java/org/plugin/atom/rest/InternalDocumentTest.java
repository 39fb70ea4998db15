package org.plugin.atom.rest;

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
        return "/api/atoms/openapi";
    }

    @Override
    protected Set<String> internalOperations() {
        return Set.of("GET /internal/atoms/contributors/{id}/personal-data", "PUT /internal/atoms/contributors/{id}/restriction",
                "POST /internal/atoms/contributors/{id}/erasure", "GET /internal/atoms/authors/personal-data",
                "POST /internal/atoms/authors/erasure",
                "GET /internal/clock", "POST /internal/clock/advance", "POST /internal/clock/reset");
    }
}
