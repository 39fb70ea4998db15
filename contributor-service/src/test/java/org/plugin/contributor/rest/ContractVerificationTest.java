package org.plugin.contributor.rest;

import static org.plugin.contributor.support.Api.BASE;
import static org.plugin.contributor.support.Api.as;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.plugin.contributor.support.Api;
import org.plugin.contributor.support.Api.Registered;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;
import org.plugin.testing.contract.ProviderContract;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * contributor-service as its consumers recorded it (contracts/atom-service/contributor-service,
 * contracts/privacy-service/contributor-service): each interaction replayed here, in the state it names.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class ContractVerificationTest {

    @TestFactory
    Stream<DynamicTest> everyConsumerGetsWhatItReads() {
        return ProviderContract.verify("contributor-service", Map.of(
                "an active contributor", () -> values(Api.register("contract")),
                "no contributor with this subject", () -> Map.of("subject", "sub-" + Api.unique("nobody")),
                "no contributor with this id", () -> Map.of("id", UUID.randomUUID().toString()),
                "a contributor who rectified a field, was restricted, and whose email an admin read", this::rectifiedRestrictedAndRead,
                "a deactivated contributor", this::deactivated));
    }

    private static Map<String, String> values(Registered c) {
        return Map.of("id", c.id().toString(), "subject", c.subject(), "accountName", c.accountName(), "firstName", c.firstName(),
                "lastName", c.lastName(), "email", c.email(), "newEmail", c.accountName() + ".new@example.org");
    }

    private Map<String, String> rectifiedRestrictedAndRead() {
        Registered c = Api.register("contract");
        as(c.token()).body(Map.of("lastName", "Martin")).when().patch(BASE + "/me").then().statusCode(200);
        Api.restrict(c, true);
        as(TestTokens.admin("admin-" + Api.unique("dpo"))).when().get(BASE + "/" + c.accountName()).then().statusCode(200);
        return Map.of("id", c.id().toString(), "subject", c.subject(), "accountName", c.accountName(), "firstName", c.firstName(),
                "lastName", "Martin", "email", c.email());
    }

    private Map<String, String> deactivated() {
        Registered c = Api.register("contract");
        Api.deactivate(c);
        return values(c);
    }
}
