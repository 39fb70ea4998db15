package org.plugin.contributor.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.plugin.contributor.support.Api.BASE;
import static org.plugin.contributor.support.Api.INTERNAL;
import static org.plugin.contributor.support.Api.PROBLEM;
import static org.plugin.contributor.support.Api.awaitTrue;
import static org.plugin.contributor.support.Api.as;
import static org.plugin.contributor.support.Api.db;
import static org.plugin.contributor.support.Api.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.common.time.PlatformClock;
import org.plugin.contributor.config.OutboxConfig;
import org.plugin.contributor.repository.DeactivationOutbox;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.scheduler.Scheduler;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.plugin.common.time.Backoff;
import org.plugin.contributor.support.Api;

/**
 * Deactivation: immediate effect, the erasure deadline (one calendar month, Europe/Paris), and the
 * durable outbox that carries it to privacy-service (WireMock) through failures.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class DeactivationTest {

    static final String DEACTIVATIONS = "/internal/privacy/deactivations";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectPeers
    WireMockServer peers;

    @BeforeEach
    void privacyServiceAcceptsByDefault() {
        if (peers != null) {
            peers.stubFor(post(urlEqualTo(DEACTIVATIONS)).atPriority(10).willReturn(aResponse().withStatus(201)));
        }
    }

    /** Waits until the contributor's outbox event satisfies {@code condition}, and answers it as it was then. */
    static DeactivationOutbox awaitEvent(Api.Registered c, String what, java.util.function.Predicate<DeactivationOutbox> condition)
            throws InterruptedException {
        var seen = new java.util.concurrent.atomic.AtomicReference<DeactivationOutbox>();
        awaitTrue(what, () -> {
            var e = db(() -> outbox().findByContributor(c.id())).orElse(null);
            seen.set(e);
            return e != null && condition.test(e);
        });
        return seen.get();
    }

    static DeactivationOutbox eventOf(Api.Registered c) {
        return db(() -> outbox().findByContributor(c.id())).orElseThrow();
    }

    List<LoggedRequest> requestsFor(Api.Registered c) {
        return peers.findAll(postRequestedFor(urlEqualTo(DEACTIVATIONS))
                .withRequestBody(matchingJsonPath("$.contributorId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(c.id().toString()))));
    }

    static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Nested
    class Personas {
        @Test
        void anonymousIs401() {
            given().when().post(BASE + "/me/deactivation").then().statusCode(401).contentType(PROBLEM);
            given().when().delete(BASE + "/me").then().statusCode(401).contentType(PROBLEM);
        }

        @Test
        void serviceAndCiTokensAre403() {
            for (String token : List.of(Api.service(), TestTokens.ci("ci-x", "someone"))) {
                given().auth().oauth2(token).when().post(BASE + "/me/deactivation").then().statusCode(403).contentType(PROBLEM);
                given().auth().oauth2(token).when().delete(BASE + "/me").then().statusCode(403).contentType(PROBLEM);
            }
        }

        @Test
        void aUserWhoIsNotAContributorGets404() {
            String token = TestTokens.user("sub-" + Api.unique("nobody"));
            given().auth().oauth2(token).when().post(BASE + "/me/deactivation").then().statusCode(404).contentType(PROBLEM);
            given().auth().oauth2(Api.admin()).when().delete(BASE + "/me").then().statusCode(404).contentType(PROBLEM);
        }

        @Test
        void anotherContributorDeactivatesOnlyThemself() {
            var c = Api.register("deact-keep");
            var other = Api.register("deact-other");
            Api.deactivate(other);
            as(TestTokens.user("sub-r")).when().get(BASE + "/" + c.accountName()).then().statusCode(200);
        }
    }

    @Nested
    class TheContributor {
        @Test
        void isDeactivatedAtOnceWithItsErasureDeadline() {
            var c = Api.register("deact");
            var answer = given().auth().oauth2(c.token()).when().post(BASE + "/me/deactivation")
                    .then().statusCode(200).contentType(ContentType.JSON)
                    .body("id", equalTo(c.id().toString()))
                    .body("status", equalTo("DEACTIVATED"))
                    .extract().jsonPath();
            var deactivatedAt = Instant.parse(answer.getString("deactivatedAt"));
            var dueAt = Instant.parse(answer.getString("erasureDueAt"));
            assertThat(dueAt.atZone(PARIS).toLocalTime()).isEqualTo(deactivatedAt.atZone(PARIS).toLocalTime());
            assertThat(LocalDate.parse(answer.getString("erasureDueDate"))).isEqualTo(dueAt.atZone(PARIS).toLocalDate());
            assertThat(Duration.between(deactivatedAt, dueAt).toDays()).isBetween(27L, 31L);

            // gone from public views, the directory and names; resolvable with its status so it cannot publish
            String reader = TestTokens.user("sub-reader");
            as(reader).when().get(BASE + "/" + c.accountName()).then().statusCode(404);
            as(reader).queryParam("q", c.accountName()).when().get(BASE).then().statusCode(200).body("total", equalTo(0));
            as(Api.service()).queryParam("subject", c.subject()).when().get(INTERNAL + "/resolve")
                    .then().statusCode(200).body("status", equalTo("DEACTIVATED"));
            as(Api.service()).body(Map.of("ids", List.of(c.id()))).when().post(INTERNAL + "/names")
                    .then().statusCode(200)
                    .body("contributors[0].status", equalTo("DEACTIVATED"))
                    .body("contributors[0].accountName", nullValue())
                    .body("contributors[0].firstName", nullValue());
            as(c.token()).when().get(BASE + "/me").then().statusCode(200).body("status", equalTo("DEACTIVATED"));

            // one outbox event, written with the status change
            var event = eventOf(c);
            assertThat(event.deactivatedAt).isEqualTo(deactivatedAt);
        }

        @Test
        void deactivatingAgainChangesNothing() {
            var c = Api.register("deact-twice");
            JsonPath first = as(c.token()).when().post(BASE + "/me/deactivation").then().statusCode(200).extract().jsonPath();
            JsonPath second = as(c.token()).when().delete(BASE + "/me").then().statusCode(200).extract().jsonPath();
            assertThat(second.getMap("$")).isEqualTo(first.getMap("$"));
            assertThat(db(() -> outbox().count("contributorId", c.id()))).isOne();
        }

        @Test
        void deleteMeIsTheSameDeactivation() {
            var c = Api.register("deact-del");
            as(c.token()).when().delete(BASE + "/me").then().statusCode(200)
                    .body("status", equalTo("DEACTIVATED")).body("accountName", equalTo(c.accountName()));
            as(TestTokens.user("sub-reader")).when().get(BASE + "/" + c.accountName()).then().statusCode(404);
            assertThat(db(() -> outbox().count("contributorId", c.id()))).isOne();
        }

        @Test
        void theDeadlineIsOneCalendarMonthInParisNotThirtyDays() {
            var clock = Arc.container().instance(PlatformClock.class).get();
            try {
                // January 31st gives February 28th (2027 is not a leap year)
                var jan31 = ZonedDateTime.of(2027, 1, 31, 12, 0, 0, 0, PARIS).toInstant();
                clock.advance(Duration.between(clock.instant(), jan31));
                var c = Api.register("deact-jan");
                var answer = as(c.token()).when().post(BASE + "/me/deactivation").then().statusCode(200).extract().jsonPath();
                assertThat(answer.getString("erasureDueDate")).isEqualTo("2027-02-28");
                var deactivatedAt = Instant.parse(answer.getString("deactivatedAt"));
                var dueAt = Instant.parse(answer.getString("erasureDueAt"));
                assertThat(Duration.between(deactivatedAt, dueAt)).isEqualTo(Duration.ofDays(28));

                // across the switch to summer time, the wall-clock time is kept: 31 days less one hour
                clock.reset();
                var march15 = ZonedDateTime.of(2027, 3, 15, 12, 0, 0, 0, PARIS).toInstant();
                clock.advance(Duration.between(clock.instant(), march15));
                var d = Api.register("deact-mar");
                var spring = as(d.token()).when().post(BASE + "/me/deactivation").then().statusCode(200).extract().jsonPath();
                assertThat(spring.getString("erasureDueDate")).isEqualTo("2027-04-15");
                assertThat(Duration.between(Instant.parse(spring.getString("deactivatedAt")), Instant.parse(spring.getString("erasureDueAt"))))
                        .isEqualTo(Duration.ofDays(31).minusHours(1));
            } finally {
                clock.reset();
            }
        }
    }

    // --- the outbox, against privacy-service played by WireMock ---

    @Test
    void aDeactivationReachesPrivacyServiceOnceItIsBackAndIsNeverLost() throws Exception {
        var c = Api.register("outbox-down");
        // privacy-service is down for this contributor's event
        var down = peers.stubFor(post(urlEqualTo(DEACTIVATIONS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.contributorId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(c.id().toString())))
                .willReturn(aResponse().withStatus(503)));
        var answer = as(c.token()).when().post(BASE + "/me/deactivation").then().statusCode(200).extract().jsonPath();

        var config = Arc.container().instance(OutboxConfig.class).get();
        // a settled failure, not an attempt in flight (whose next_attempt_at is its lease)
        var pending = awaitEvent(c, "two attempts were refused", e -> e.attempts >= 2 && e.lastError != null
                && Duration.between(e.lastAttemptAt, e.nextAttemptAt).compareTo(config.lease()) < 0);
        assertThat(pending.deliveredAt).isNull();
        assertThat(pending.lastError).contains("503");
        // the next attempt waits the backoff, counted from when the failure was recorded
        var wait = Backoff.after(pending.attempts, config.initialBackoff(), config.maxBackoff());
        assertThat(Duration.between(pending.lastAttemptAt, pending.nextAttemptAt))
                .isGreaterThanOrEqualTo(wait).isLessThan(wait.plus(config.callTimeout()));

        // privacy-service is back
        peers.removeStub(down);
        awaitTrue("the event is confirmed", () -> eventOf(c).deliveredAt != null);
        var delivered = eventOf(c);
        assertThat(delivered.lastError).isNull();

        var requests = requestsFor(c);
        assertThat(requests).hasSizeGreaterThanOrEqualTo(3);
        for (LoggedRequest r : requests) {
            var body = json(r);
            assertThat(body.get("eventId").asText()).isEqualTo(delivered.eventId.toString());
            assertThat(body.get("contributorId").asText()).isEqualTo(c.id().toString());
            assertThat(Instant.parse(body.get("deactivatedAt").asText())).isEqualTo(Instant.parse(answer.getString("deactivatedAt")));
            assertThat(r.getHeader("Authorization")).startsWith("Bearer ").hasSizeGreaterThan(20);
            assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        }
        // once confirmed, it is not sent again
        int sent = requests.size();
        Thread.sleep(2_500);
        assertThat(requestsFor(c)).hasSize(sent);
    }

    /** privacy-service's erasure job erases what is keyed by the login subject: the event names it, so the job need not ask. */
    @Test
    void theDeactivationNamesTheContributorsLoginSubject() throws Exception {
        var c = Api.register("outbox-subject");
        as(c.token()).when().post(BASE + "/me/deactivation").then().statusCode(200);
        awaitTrue("the event is confirmed", () -> eventOf(c).deliveredAt != null);
        var requests = requestsFor(c);
        assertThat(requests).isNotEmpty();
        for (LoggedRequest r : requests) {
            assertThat(json(r).get("subject").asText()).isEqualTo(c.subject());
        }
    }

    @Test
    void connectionFailuresAndErrorsAreRetriedUntilConfirmed() throws Exception {
        var c = Api.register("outbox-flaky");
        var body = matchingJsonPath("$.contributorId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(c.id().toString()));
        String scenario = "flaky-" + c.id();
        peers.stubFor(post(urlEqualTo(DEACTIVATIONS)).atPriority(1).withRequestBody(body)
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("reset"));
        peers.stubFor(post(urlEqualTo(DEACTIVATIONS)).atPriority(1).withRequestBody(body)
                .inScenario(scenario).whenScenarioStateIs("reset")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("error"));
        peers.stubFor(post(urlEqualTo(DEACTIVATIONS)).atPriority(1).withRequestBody(body)
                .inScenario(scenario).whenScenarioStateIs("error")
                .willReturn(aResponse().withStatus(400)).willSetStateTo("up"));
        peers.stubFor(post(urlEqualTo(DEACTIVATIONS)).atPriority(1).withRequestBody(body)
                .inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));

        Api.deactivate(c);
        awaitTrue("the event is confirmed", () -> eventOf(c).deliveredAt != null);
        assertThat(eventOf(c).attempts).isEqualTo(4);
        assertThat(requestsFor(c)).hasSize(4);
    }

    @Test
    void theCallToPrivacyServiceHoldsNoTransactionNorLock() throws Exception {
        var c = Api.register("outbox-slow");
        var config = Arc.container().instance(OutboxConfig.class).get();
        // privacy-service answers, but slowly (within the call timeout)
        peers.stubFor(post(urlEqualTo(DEACTIVATIONS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.contributorId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(c.id().toString())))
                .willReturn(aResponse().withStatus(201).withFixedDelay((int) config.callTimeout().toMillis() * 2 / 3)));
        Api.deactivate(c);

        // the claim is committed before the call: the attempt is visible while privacy-service thinks
        var inFlight = awaitEvent(c, "the event is claimed and in flight", e -> e.attempts == 1 && e.deliveredAt == null);
        assertThat(Duration.between(inFlight.lastAttemptAt, inFlight.nextAttemptAt)).isEqualTo(config.lease());
        // and its row is not locked meanwhile (NOWAIT fails at once on a locked row)
        UUID locked = QuarkusTransaction.requiringNew().call(() -> (UUID) outbox().getEntityManager()
                .createNativeQuery("SELECT event_id FROM deactivation_outbox WHERE event_id = :id FOR UPDATE NOWAIT", UUID.class)
                .setParameter("id", inFlight.eventId).getSingleResult());
        assertThat(locked).isEqualTo(inFlight.eventId);
        assertThat(requestsFor(c)).hasSize(1);

        var delivered = awaitEvent(c, "the event is confirmed", e -> e.deliveredAt != null);
        assertThat(delivered.attempts).isEqualTo(1);
        assertThat(delivered.lastError).isNull();
    }

    @Test
    void aHungPrivacyServiceDoesNotHoldTheSender() throws Exception {
        var c = Api.register("outbox-hung");
        var config = Arc.container().instance(OutboxConfig.class).get();
        int hang = (int) config.callTimeout().toMillis() * 4;
        var hung = peers.stubFor(post(urlEqualTo(DEACTIVATIONS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.contributorId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(c.id().toString())))
                .willReturn(aResponse().withStatus(201).withFixedDelay(hang)));
        long start = System.nanoTime();
        Api.deactivate(c);

        var abandoned = awaitEvent(c, "the attempt is given up", e -> e.lastError != null);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(hang));
        assertThat(abandoned.deliveredAt).isNull();
        assertThat(abandoned.lastError).contains("no answer from privacy-service");

        peers.removeStub(hung);
        awaitEvent(c, "the event is confirmed once privacy-service answers", e -> e.deliveredAt != null);
    }

    /** Events due long ago, which only these tests' own claims (with matching old instants) can see first. */
    private List<UUID> ancientEvents(Instant due, int count) {
        var ids = new ArrayList<UUID>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                var e = new DeactivationOutbox();
                e.eventId = UUID.randomUUID();
                e.contributorId = UUID.randomUUID();
                e.deactivatedAt = due;
                e.createdAt = due;
                e.nextAttemptAt = due;
                outbox().persist(e);
                ids.add(e.eventId);
            }
        });
        return ids;
    }

    /** Runs {@code test} with the scheduled sender paused, so only the test claims events. */
    private void withSenderPaused(ThrowingRunnable test) throws Exception {
        var scheduler = Arc.container().instance(Scheduler.class).get();
        scheduler.pause("deactivation-outbox");
        try {
            Thread.sleep(1_200); // a run already started finishes (runs take milliseconds when nothing hangs)
            test.run();
        } finally {
            scheduler.resume("deactivation-outbox");
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void twoSendersNeverClaimTheSameEvent() throws Exception {
        var due = Instant.parse("2001-01-01T00:00:00Z");
        withSenderPaused(() -> {
            var mine = ancientEvents(due, 2);
            var pool = Executors.newFixedThreadPool(2);
            try {
                var firstClaim = new CompletableFuture<UUID>();
                var release = new CountDownLatch(1);
                var first = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                    firstClaim.complete(outbox().claimDue(due, due.plusSeconds(3600), 1).get(0).eventId);
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                UUID a = firstClaim.get(10, TimeUnit.SECONDS);
                // while the first holds its row, a second sender gets the other one at once instead of waiting
                UUID b = pool.submit(() -> QuarkusTransaction.requiringNew()
                        .call(() -> outbox().claimDue(due, due.plusSeconds(3600), 1).stream().map(e -> e.eventId).findFirst().orElse(null)))
                        .get(5, TimeUnit.SECONDS);
                release.countDown();
                first.get(10, TimeUnit.SECONDS);
                assertThat(mine).contains(a);
                assertThat(b).isNotNull().isNotEqualTo(a).isIn(mine);
            } finally {
                pool.shutdownNow();
                QuarkusTransaction.requiringNew().run(() -> mine.forEach(id -> outbox().deleteById(id)));
            }
        });
    }

    @Test
    void aClaimIsALeaseThatAnotherSenderTakesOverOnlyOnceItExpires() throws Exception {
        var due = Instant.parse("2002-01-01T00:00:00Z");
        var lease = Duration.ofHours(1);
        withSenderPaused(() -> {
            var mine = ancientEvents(due, 1);
            try {
                var claimed = QuarkusTransaction.requiringNew().call(() -> outbox().claimDue(due, due.plus(lease), 10));
                assertThat(claimed).extracting(e -> e.eventId).containsExactly(mine.get(0));
                var stored = db(() -> outbox().findById(mine.get(0)));
                assertThat(stored.attempts).isOne();
                assertThat(stored.lastAttemptAt).isEqualTo(due);
                assertThat(stored.nextAttemptAt).isEqualTo(due.plus(lease));

                // while the lease runs, no sender takes it
                var during = QuarkusTransaction.requiringNew().call(() -> outbox().claimDue(due.plus(lease).minusSeconds(1),
                        due.plus(lease.multipliedBy(2)), 10));
                assertThat(during).isEmpty();
                // the claiming replica died: once the lease is over the event is due again
                var after = due.plus(lease).plusSeconds(1);
                var retaken = QuarkusTransaction.requiringNew().call(() -> outbox().claimDue(after, after.plus(lease), 10));
                assertThat(retaken).extracting(e -> e.eventId).containsExactly(mine.get(0));
                assertThat(db(() -> outbox().findById(mine.get(0))).attempts).isEqualTo(2);
            } finally {
                QuarkusTransaction.requiringNew().run(() -> mine.forEach(id -> outbox().deleteById(id)));
            }
        });
    }
}
