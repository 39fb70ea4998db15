package org.plugin.contributor.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.contributor.support.Api.BASE;
import static org.plugin.contributor.support.Api.INTERNAL;
import static org.plugin.contributor.support.Api.as;
import static org.plugin.contributor.support.Api.db;
import static org.plugin.contributor.support.Api.awaitTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.contributor.repository.SyncOutbox;
import org.plugin.contributor.repository.SyncOutbox.Target;
import org.plugin.contributor.repository.SyncOutboxRepository;
import org.plugin.contributor.support.Api;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The holders outside this service follow the contributor, through the sync outbox: the identity
 * provider's account (Keycloak's admin API, played by WireMock) gets the email and names written
 * through and is disabled with its sessions ended on deactivation, at once when it answers and once
 * it is back when it does not; atom-service gets the restriction flag whoever set it (an admin or
 * privacy-service), one path for one decision.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class AccountSyncTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @InjectPeers
    WireMockServer peers;

    @BeforeEach
    void privacyServiceAcceptsDeactivations() {
        peers.stubFor(post(urlEqualTo("/internal/privacy/deactivations")).atPriority(10).willReturn(aResponse().withStatus(201)));
    }

    static String account(Api.Registered c) {
        return PeersResource.IDENTITY_PROVIDER_ADMIN + "/users/" + c.subject();
    }

    static String restriction(Api.Registered c) {
        return "/internal/atoms/contributors/" + c.id() + "/restriction";
    }

    List<JsonNode> accountUpdates(Api.Registered c) {
        return peers.findAll(putRequestedFor(urlEqualTo(account(c)))).stream().map(AccountSyncTest::json).toList();
    }

    List<JsonNode> restrictions(Api.Registered c) {
        return peers.findAll(putRequestedFor(urlEqualTo(restriction(c)))).stream().map(AccountSyncTest::json).toList();
    }

    long logouts(Api.Registered c) {
        return peers.countRequestsMatching(postRequestedFor(urlEqualTo(account(c) + "/logout")).build()).getCount();
    }

    static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static SyncOutboxRepository outbox() {
        return Arc.container().instance(SyncOutboxRepository.class).get();
    }

    static SyncOutbox row(Api.Registered c, Target target) {
        return db(() -> outbox().of(c.id(), target)).orElseThrow();
    }

    static JsonNode last(List<JsonNode> calls) {
        assertThat(calls).isNotEmpty();
        return calls.get(calls.size() - 1);
    }

    @Nested
    class TheIdentityProvidersAccount {

        @Test
        void takesTheRegisteredEmailAndNamesBeforeTheRegistrationAnswers() {
            var c = Api.register("idp-reg", "Idpfirst", "Idplast");
            JsonNode update = last(accountUpdates(c));
            assertThat(update.get("email").asText()).isEqualTo(c.email());
            assertThat(update.get("firstName").asText()).isEqualTo("Idpfirst");
            assertThat(update.get("lastName").asText()).isEqualTo("Idplast");
            assertThat(update.get("enabled").asBoolean()).isTrue();
            assertThat(row(c, Target.IDENTITY_PROVIDER).pending()).isFalse();
            // with the identity provider client's own token (client credentials of contributor-service-idp)
            peers.verify(postRequestedFor(urlEqualTo("/token")).withHeader("Authorization",
                    equalTo("Basic " + Base64.getEncoder().encodeToString("contributor-service-idp:contributor-service-idp-secret"
                            .getBytes(StandardCharsets.UTF_8)))));
            peers.verify(putRequestedFor(urlEqualTo(account(c))).withHeader("Authorization", matching("Bearer .+")));
        }

        @Test
        void followsARectificationInTheSameRequestWhetherTheContributorOrAPrivacyRequestMadeIt() {
            var c = Api.register("idp-rect");
            String email = Api.unique("idp-new") + "@example.net";
            as(c.token()).body(Map.of("email", email, "lastName", "Rectified")).when().patch(BASE + "/me").then().statusCode(200);
            JsonNode update = last(accountUpdates(c));
            assertThat(update.get("email").asText()).isEqualTo(email);
            assertThat(update.get("lastName").asText()).isEqualTo("Rectified");
            assertThat(update.get("firstName").asText()).isEqualTo(c.firstName());

            as(Api.service()).body(Map.of("firstName", "Requested")).when().patch(INTERNAL + "/" + c.id()).then().statusCode(200);
            assertThat(last(accountUpdates(c)).get("firstName").asText()).isEqualTo("Requested");
            assertThat(last(accountUpdates(c)).get("email").asText()).isEqualTo(email);
        }

        @Test
        void isDisabledWithItsSessionsEndedBeforeTheDeactivationAnswers() {
            var c = Api.register("idp-deact");
            assertThat(logouts(c)).isZero();
            Api.deactivate(c);
            JsonNode update = last(accountUpdates(c));
            assertThat(update.get("enabled").asBoolean()).isFalse();
            assertThat(update.get("email").asText()).isEqualTo(c.email());
            assertThat(logouts(c)).isOne();
            assertThat(row(c, Target.IDENTITY_PROVIDER).pending()).isFalse();
        }

        @Test
        void isDisabledOnceTheProviderIsBackWhenItWasDownAtTheDeactivation() throws Exception {
            var c = Api.register("idp-down");
            var down = peers.stubFor(put(urlEqualTo(account(c))).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            // the deactivation itself does not wait for the provider, and is recorded
            Api.deactivate(c);
            SyncOutbox pending = row(c, Target.IDENTITY_PROVIDER);
            assertThat(pending.pending()).isTrue();
            assertThat(pending.lastError).isNotBlank().doesNotContain(c.subject()).doesNotContain(c.email());
            assertThat(logouts(c)).isZero();

            // the scheduled sender retries with backoff while it is down...
            awaitTrue("a retry", () -> row(c, Target.IDENTITY_PROVIDER).attempts >= 2);
            assertThat(row(c, Target.IDENTITY_PROVIDER).pending()).isTrue();
            // ...and disables the account once it is back
            peers.removeStub(down);
            awaitTrue("the account disabled", () -> !row(c, Target.IDENTITY_PROVIDER).pending());
            assertThat(last(accountUpdates(c)).get("enabled").asBoolean()).isFalse();
            assertThat(logouts(c)).isOne();
            assertThat(row(c, Target.IDENTITY_PROVIDER).lastError).isNull();
        }

        @Test
        void anAccountTheProviderDoesNotKnowIsNothingToDoButAWrongAddressIsAFailure() throws Exception {
            var gone = Api.register("idp-gone");
            peers.stubFor(put(urlEqualTo(account(gone))).atPriority(1).willReturn(PeersResource.userNotFound()));
            Api.deactivate(gone);
            assertThat(row(gone, Target.IDENTITY_PROVIDER).pending()).isFalse();
            assertThat(logouts(gone)).isZero();

            // a 404 that is not Keycloak's "User not found" (a wrong realm or path) is not taken for an erased account
            var misrouted = Api.register("idp-404");
            var wrong = peers.stubFor(put(urlEqualTo(account(misrouted))).atPriority(1).willReturn(aResponse().withStatus(404)));
            Api.deactivate(misrouted);
            assertThat(row(misrouted, Target.IDENTITY_PROVIDER).pending()).isTrue();
            assertThat(row(misrouted, Target.IDENTITY_PROVIDER).lastError).contains("404");
            peers.removeStub(wrong);
            awaitTrue("the account disabled", () -> !row(misrouted, Target.IDENTITY_PROVIDER).pending());
        }

        @Test
        void aChangeDuringASendIsSentAfterItSoTheLastValuesWin() throws Exception {
            var c = Api.register("idp-race");
            // the provider answers slowly: the first rectification's push is still in flight when the second commits
            var slow = peers.stubFor(put(urlEqualTo(account(c))).atPriority(1).willReturn(aResponse().withStatus(204).withFixedDelay(1_500)));
            var pool = Executors.newSingleThreadExecutor();
            try {
                var first = pool.submit(() -> as(c.token()).body(Map.of("lastName", "Firstchange")).when().patch(BASE + "/me")
                        .then().extract().statusCode());
                awaitTrue("the first push in flight", () -> row(c, Target.IDENTITY_PROVIDER).leaseUntil != null);
                as(c.token()).body(Map.of("lastName", "Secondchange")).when().patch(BASE + "/me").then().statusCode(200);
                assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            } finally {
                pool.shutdownNow();
            }
            peers.removeStub(slow);
            awaitTrue("the second change sent", () -> !row(c, Target.IDENTITY_PROVIDER).pending());
            assertThat(last(accountUpdates(c)).get("lastName").asText()).isEqualTo("Secondchange");
        }

        @Test
        void anErasedContributorLeavesNothingToSync() {
            var c = Api.register("idp-erased");
            Api.deactivate(c);
            as(Api.service()).when().post(INTERNAL + "/" + c.id() + "/erasure").then().statusCode(200);
            assertThat(db(() -> outbox().count("contributorId", c.id()))).isZero();
        }
    }

    @Nested
    class AtomServicesRestriction {

        @Test
        void anAdminsRestrictionAndItsLiftingReachAtomServiceBeforeTheAnswer() {
            var c = Api.register("sync-adm");
            as(Api.admin()).body(Map.of("restricted", true, "reason", "complaint C-1")).when().put(BASE + "/" + c.accountName() + "/restriction")
                    .then().statusCode(200);
            assertThat(restrictions(c)).hasSize(1);
            assertThat(last(restrictions(c)).get("restricted").asBoolean()).isTrue();
            peers.verify(putRequestedFor(urlEqualTo(restriction(c))).withHeader("Authorization", matching("Bearer .+")));

            as(Api.admin()).body(Map.of("restricted", false)).when().put(BASE + "/" + c.accountName() + "/restriction").then().statusCode(200);
            assertThat(restrictions(c)).hasSize(2);
            assertThat(last(restrictions(c)).get("restricted").asBoolean()).isFalse();
            // the same state again changes nothing, and sends nothing
            as(Api.admin()).body(Map.of("restricted", false)).when().put(BASE + "/" + c.accountName() + "/restriction").then().statusCode(200);
            assertThat(restrictions(c)).hasSize(2);
        }

        @Test
        void aPrivacyRequestsRestrictionTakesTheSamePath() {
            var c = Api.register("sync-req");
            as(Api.service()).body(Map.of("restricted", true, "reason", "RESTRICTION request R-9")).when().put(INTERNAL + "/" + c.id() + "/restriction")
                    .then().statusCode(200);
            peers.verify(1, putRequestedFor(urlEqualTo(restriction(c))).withRequestBody(equalToJson("{\"restricted\":true}")));
            assertThat(row(c, Target.ATOM_SERVICE).pending()).isFalse();
        }

        @Test
        void aRestrictionSetWhileAtomServiceIsDownReachesItOnceItIsBack() throws Exception {
            var c = Api.register("sync-down");
            var down = peers.stubFor(put(urlEqualTo(restriction(c))).atPriority(1).willReturn(aResponse().withStatus(503)));
            as(Api.admin()).body(Map.of("restricted", true, "reason", "complaint C-2")).when().put(BASE + "/" + c.accountName() + "/restriction")
                    .then().statusCode(200);
            assertThat(row(c, Target.ATOM_SERVICE).pending()).isTrue();
            assertThat(row(c, Target.ATOM_SERVICE).lastError).contains("503");
            peers.removeStub(down);
            awaitTrue("atom-service restricted", () -> !row(c, Target.ATOM_SERVICE).pending());
            assertThat(last(restrictions(c)).get("restricted").asBoolean()).isTrue();
        }
    }

    @Test
    void whatIsPendingIsCountedPerHolder() throws Exception {
        var c = Api.register("sync-gauge");
        var down = peers.stubFor(put(urlEqualTo(restriction(c))).atPriority(1).willReturn(aResponse().withStatus(503)));
        try {
            as(Api.admin()).body(Map.of("restricted", true, "reason", "gauge")).when().put(BASE + "/" + c.accountName() + "/restriction")
                    .then().statusCode(200);
            awaitTrue("the gauge counts it", () -> gauge("atom-service") >= 1);
        } finally {
            peers.removeStub(down);
        }
        double whileDown = gauge("atom-service");
        awaitTrue("the gauge counts it no more", () -> !row(c, Target.ATOM_SERVICE).pending() && gauge("atom-service") < whileDown);
        assertThat(gauge("identity-provider")).isNotNegative();
    }

    static double gauge(String event) {
        String metrics = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("plugin_outbox_pending{") && l.contains("event=\"" + event + "\""))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
    }

    @Test
    void theOutboxRowsHoldNoPersonalData() {
        var c = Api.register("sync-nopd");
        Long columns = db(() -> ((Number) outbox().getEntityManager().createNativeQuery(
                "SELECT count(*) FROM sync_outbox s WHERE s::text ILIKE ?1 OR s::text ILIKE ?2 OR s::text ILIKE ?3")
                .setParameter(1, "%" + c.email() + "%").setParameter(2, "%" + c.subject() + "%").setParameter(3, "%" + c.accountName() + "%")
                .getSingleResult()).longValue());
        assertThat(columns).isZero();
        assertThat(db(() -> outbox().count("contributorId", c.id()))).isOne();
    }
}
