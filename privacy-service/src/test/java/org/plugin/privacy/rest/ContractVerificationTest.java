package org.plugin.privacy.rest;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.contract.ProviderContract;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * privacy-service as its consumer recorded it (contracts/contributor-service/privacy-service): each
 * interaction replayed here, in the state it names.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class ContractVerificationTest {

    @TestFactory
    Stream<DynamicTest> everyConsumerGetsWhatItReads() {
        return ProviderContract.verify("privacy-service", Map.of(
                "a contributor privacy-service has not heard of",
                () -> Map.of("eventId", UUID.randomUUID().toString(), "contributorId", UUID.randomUUID().toString(), "subject",
                        UUID.randomUUID().toString())));
    }
}
