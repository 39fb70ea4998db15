package org.plugin.privacy.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.common.time.PlatformClock;
import org.plugin.privacy.repository.ErasureJobRepository;
import org.plugin.privacy.support.Fixtures;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The erasure workflow, with WireMock standing in for contributor-service and atom-service. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class ErasureTest {

    static final String SERVICE = TestTokens.service("contributor-service");

    @InjectPeers
    WireMockServer peers;

    @Inject
    ErasureWorker worker;

    @Inject
    RequestWorker requestWorker;

    @Inject
    ErasureJobRepository jobs;

    @Inject
    PlatformClock clock;

    @Inject
    AgroalDataSource dataSource;

    @org.junit.jupiter.api.BeforeEach
    void authorDefaults() {
        Fixtures.stubAuthorDefaults(peers);
    }

    static String contributorErasure(UUID id) {
        return "/internal/contributors/" + id + "/erasure";
    }

    static String atomErasure(UUID id) {
        return "/internal/atoms/contributors/" + id + "/erasure";
    }

    /** Both services erase {@code id} successfully. */
    UUID erasable() {
        UUID id = UUID.randomUUID();
        peers.stubFor(post(urlEqualTo(contributorErasure(id))).willReturn(Fixtures.json(200,
                "{\"id\":\"" + id + "\",\"status\":\"ERASED\",\"erasedAt\":\"2026-01-01T00:00:00Z\"}")));
        peers.stubFor(post(urlEqualTo(atomErasure(id))).atPriority(5).willReturn(Fixtures.json(200,
                "{\"contributorId\":\"" + id + "\",\"erasedAt\":\"2026-01-01T00:00:00Z\",\"atoms\":2,\"feedback\":3}")));
        return id;
    }

    StubMapping atomDown(UUID id, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        return peers.stubFor(post(urlEqualTo(atomErasure(id))).atPriority(1).willReturn(answer));
    }

    long calls(String path) {
        return peers.countRequestsMatching(postRequestedFor(urlEqualTo(path)).build()).getCount();
    }

    static ValidatableResponse deactivate(UUID eventId, UUID contributorId, Instant at) {
        return given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                .body(Map.of("eventId", eventId.toString(), "contributorId", contributorId.toString(), "deactivatedAt", at.toString()))
                .when().post("/internal/privacy/deactivations").then();
    }

    static String jobOf(UUID contributorId, Instant at) {
        return deactivate(UUID.randomUUID(), contributorId, at).statusCode(201).extract().path("jobId");
    }

    static ValidatableResponse job(String id) {
        return given().auth().oauth2(TestTokens.admin("dpo")).when().get("/api/privacy/erasure-jobs/" + id).then().statusCode(200);
    }

    boolean exists(UUID contributorId) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.byContributor(contributorId).isPresent());
    }

    @Nested
    class Deactivations {
        @Test
        void onlyServicesMayPushThem() {
            UUID contributor = erasable();
            String body = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":\"" + clock.instant() + "\"}";
            given().contentType(ContentType.JSON).body(body).when().post("/internal/privacy/deactivations")
                    .then().statusCode(401).contentType("application/problem+json");
            for (String token : List.of(TestTokens.user("u"), TestTokens.admin("a"), TestTokens.ci("ci-alice", "alice"))) {
                given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/internal/privacy/deactivations")
                        .then().statusCode(403).contentType("application/problem+json");
            }
            assertThat(exists(contributor)).isFalse();
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(body).when().post("/internal/privacy/deactivations")
                    .then().statusCode(201);
            assertThat(exists(contributor)).isTrue();
        }

        @Test
        void areIdempotentOnEventIdAndOnContributor() {
            UUID contributor = erasable();
            UUID event = UUID.randomUUID();
            Instant at = clock.instant();
            String jobId = deactivate(event, contributor, at).statusCode(201).body("status", equalTo("SCHEDULED")).extract().path("jobId");
            deactivate(event, contributor, at).statusCode(200).body("jobId", equalTo(jobId));
            deactivate(UUID.randomUUID(), contributor, at.plusSeconds(60)).statusCode(200).body("jobId", equalTo(jobId));
            deactivate(event, erasable(), at).statusCode(409).contentType("application/problem+json");
        }

        @Test
        void concurrentDeactivationsOfOneContributorMakeOneJob() throws Exception {
            UUID contributor = erasable();
            Instant at = clock.instant();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Callable<io.restassured.response.Response>> calls = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(() -> given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                            .body(Map.of("eventId", UUID.randomUUID().toString(), "contributorId", contributor.toString(), "deactivatedAt", at.toString()))
                            .when().post("/internal/privacy/deactivations"));
                }
                List<Integer> statuses = new java.util.ArrayList<>();
                java.util.Set<String> jobIds = new java.util.HashSet<>();
                for (var f : pool.invokeAll(calls)) {
                    statuses.add(f.get().statusCode());
                    jobIds.add(f.get().path("jobId"));
                }
                assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
                assertThat(jobIds).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void badBodiesAreProblemsAndCreateNothing() {
            UUID contributor = UUID.randomUUID();
            for (String body : List.of(
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\"}",
                    "{\"eventId\":\"not-a-uuid\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":\"2026-11-01T10:00:00Z\"}",
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":\"yesterday\"}",
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":\"+1000000000-12-31T23:59:59Z\"}",
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":\"-1000000000-01-01T00:00:00Z\"}",
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":\"0001-01-01T00:00:00Z\"}",
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":12}",
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":\"2026-11-01T10:00:00Z\",\"email\":\"x@y.z\"}",
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":\"2026-11-01T10:00:00Z\",\"subject\":\"a b\"}",
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":\"2026-11-01T10:00:00Z\",\"subject\":\"\"}",
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":\"2026-11-01T10:00:00Z\",\"subject\":\""
                            + "s".repeat(256) + "\"}",
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"contributorId\":\"" + contributor + "\",\"deactivatedAt\":\"2026-11-01T10:00:00Z\",\"subject\":[1]}",
                    "{\"eventId\":")) {
                given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(body).when().post("/internal/privacy/deactivations")
                        .then().statusCode(400).contentType("application/problem+json");
            }
            assertThat(exists(contributor)).isFalse();
        }

        @Test
        void theDeadlineIsOneCalendarMonthInParisAndTheGracePeriodSevenDays() {
            // January 31st plus one month is February 28th (29th in a leap year)
            deactivate(UUID.randomUUID(), erasable(), Instant.parse("2027-01-31T09:00:00Z")).statusCode(201)
                    .body("deadline", equalTo("2027-02-28T09:00:00.000000Z"))
                    .body("runAfter", equalTo("2027-02-07T09:00:00.000000Z"));
            // 23:30Z on January 31st is already February 1st in Paris: one month later is March 1st, 00:30 Paris
            deactivate(UUID.randomUUID(), erasable(), Instant.parse("2028-01-31T23:30:00Z")).statusCode(201)
                    .body("deadline", equalTo("2028-02-29T23:30:00.000000Z"));
            // across the spring change the wall-clock time is kept: 13:00 CET -> 13:00 CEST, one hour less in UTC
            deactivate(UUID.randomUUID(), erasable(), Instant.parse("2027-03-15T12:00:00Z")).statusCode(201)
                    .body("deadline", equalTo("2027-04-15T11:00:00.000000Z"));
            // and across the autumn change, one hour more
            deactivate(UUID.randomUUID(), erasable(), Instant.parse("2027-10-20T11:00:00Z")).statusCode(201)
                    .body("deadline", equalTo("2027-11-20T12:00:00.000000Z"));
        }
    }

    @Nested
    class Jobs {
        @Test
        void adminsOnly() {
            given().when().get("/api/privacy/erasure-jobs").then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.user("u")).when().get("/api/privacy/erasure-jobs").then().statusCode(403);
            given().auth().oauth2(SERVICE).when().get("/api/privacy/erasure-jobs").then().statusCode(403);
            given().auth().oauth2(TestTokens.admin("a")).when().get("/api/privacy/erasure-jobs").then().statusCode(200);
            given().auth().oauth2(TestTokens.admin("a")).queryParam("status", "NOPE").when().get("/api/privacy/erasure-jobs")
                    .then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.admin("a")).when().get("/api/privacy/erasure-jobs/" + UUID.randomUUID()).then().statusCode(404);
            given().auth().oauth2(TestTokens.admin("a")).when().get("/api/privacy/erasure-jobs/" + UUID.randomUUID() + "/certificate").then().statusCode(404);
            given().auth().oauth2(TestTokens.user("u")).when().post("/api/privacy/erasure-jobs/" + UUID.randomUUID() + "/retry").then().statusCode(403);
        }

        @Test
        void nothingIsErasedDuringTheGracePeriodThenEverythingIsAndACertificateProvesIt() throws Exception {
            UUID contributor = erasable();
            String subject = Fixtures.unique("leaver");
            String account = "leaver-" + contributor.toString().substring(0, 6);
            Fixtures.stubContributor(peers, subject, contributor, account);
            // records of this service about them: a request with free text, contact requests both ways
            String request = given().auth().oauth2(TestTokens.user(subject)).contentType(ContentType.JSON)
                    .body("{\"type\":\"OBJECTION\",\"reason\":\"My employer is Example Corp\"}").when().post("/api/privacy/requests")
                    .then().statusCode(201).extract().path("id");
            String toThem = given().auth().oauth2(TestTokens.user(Fixtures.unique("fan"))).contentType(ContentType.JSON)
                    .body("{\"accountName\":\"" + account + "\",\"message\":\"Can we talk about your VNF?\"}")
                    .when().post("/api/privacy/contact-requests").then().statusCode(201).extract().path("id");

            String jobId = jobOf(contributor, clock.instant());
            worker.runDue();
            assertThat(calls(contributorErasure(contributor)) + calls(atomErasure(contributor))).isZero();
            job(jobId).body("status", equalTo("SCHEDULED")).body("services.status", equalTo(List.of("PENDING", "PENDING", "PENDING")));
            given().auth().oauth2(TestTokens.admin("dpo")).when().post("/api/privacy/erasure-jobs/" + jobId + "/retry")
                    .then().statusCode(409).body("detail", containsString("grace period"));

            Fixtures.later(clock, Duration.ofDays(7).plusMinutes(1), () -> Fixtures.drain(worker::runDue));
            assertThat(calls(contributorErasure(contributor))).isEqualTo(1);
            assertThat(calls(atomErasure(contributor))).isEqualTo(1);
            peers.verify(postRequestedFor(urlEqualTo(atomErasure(contributor)))
                    .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
            job(jobId).body("status", equalTo("COMPLETED")).body("atRisk", equalTo(false))
                    .body("services.service", equalTo(List.of("contributor-service", "atom-service", "identity-provider")))
                    .body("services.status", equalTo(List.of("CONFIRMED", "CONFIRMED", "CONFIRMED")))
                    .body("services.confirmedAt", hasItem(notNullValue()));

            var certificate = given().auth().oauth2(TestTokens.admin("dpo")).when().get("/api/privacy/erasure-jobs/" + jobId + "/certificate")
                    .then().statusCode(200)
                    .body("jobId", equalTo(jobId)).body("contributorId", equalTo(contributor.toString()))
                    .body("completedBeforeDeadline", equalTo(true)).body("hashAlgorithm", equalTo("SHA-256"))
                    .body("confirmations.service", equalTo(List.of("atom-service", "contributor-service", "identity-provider")))
                    .extract();
            String canonical = certificate.path("canonicalForm");
            String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
            assertThat(certificate.<String>path("hash")).isEqualTo(expectedHash);
            assertThat(canonical).contains(jobId, contributor.toString()).doesNotContain(subject).doesNotContain(account);
            assertThat(certificate.asString()).doesNotContain(subject).doesNotContain(account);

            // only non-personal stubs remain here
            given().auth().oauth2(TestTokens.admin("dpo")).when().get("/api/privacy/requests/" + request).then().statusCode(200)
                    .body("subject", nullValue()).body("details", nullValue()).body("status", equalTo("REJECTED"))
                    .body("contributorId", equalTo(contributor.toString()));
            given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/requests/" + request).then().statusCode(404);
            // names are contributor-service's, which names no erased contributor; this service kept none
            Fixtures.stubName(peers, contributor, null);
            String contacts = given().auth().oauth2(TestTokens.admin("dpo")).queryParam("limit", 100).when().get("/api/privacy/contact-requests")
                    .then().statusCode(200).extract().asString();
            assertThat(contacts).contains(toThem).doesNotContain("Can we talk about your VNF?").doesNotContain(account);
        }

        /** contributor-service names the login subject in the deactivation: the job erases with it, without asking for it again. */
        @Test
        void aSubjectNamedByTheDeactivationIsUsedWithoutAskingContributorService() {
            UUID contributor = erasable();
            String subject = Fixtures.unique("named-leaver");
            String jobId = given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                    .body(Map.of("eventId", UUID.randomUUID().toString(), "contributorId", contributor.toString(), "deactivatedAt",
                            clock.instant().minus(Duration.ofDays(8)).toString(), "subject", subject))
                    .when().post("/internal/privacy/deactivations").then().statusCode(201).extract().path("jobId");

            Fixtures.drain(worker::runDue);
            job(jobId).body("status", equalTo("COMPLETED"));
            peers.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo(Fixtures.resolveById(contributor))));
            peers.verify(1, postRequestedFor(urlEqualTo(atomErasure(contributor)))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"subject\":\"" + subject + "\"}")));
            peers.verify(1, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                    urlEqualTo(PeersResource.IDENTITY_PROVIDER_ADMIN + "/users/" + subject)));
            // the job keeps no subject once done
            assertThat(QuarkusTransaction.requiringNew().call(() -> jobs.findById(UUID.fromString(jobId)).subject)).isNull();
        }

        /**
         * atom-service erases the contributor and their feedback by subject in one call when it says so in its
         * answer; an answer without it (an older atom-service) is followed by the call by subject, which
         * {@link #whatThisServiceKeysByTheContributorsSubjectIsErasedToo()} shows.
         */
        @Test
        void atomServiceErasesTheContributorAndTheirFeedbackBySubjectInOneCall() {
            UUID contributor = erasable();
            String subject = Fixtures.unique("one-call");
            peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(Fixtures.resolveById(contributor))).atPriority(5)
                    .willReturn(Fixtures.json(200, Fixtures.resolvedWithSubject(contributor, subject))));
            peers.stubFor(post(urlEqualTo(atomErasure(contributor))).atPriority(2)
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"subject\":\"" + subject + "\"}"))
                    .willReturn(Fixtures.json(200, "{\"contributorId\":\"" + contributor + "\",\"erasedAt\":\"2026-01-01T00:00:00Z\",\"atoms\":1,"
                            + "\"feedback\":2,\"author\":{\"erasedAt\":\"2026-01-01T00:00:00Z\",\"comments\":1,\"ratings\":0}}")));
            String jobId = jobOf(contributor, clock.instant().minus(Duration.ofDays(8)));

            Fixtures.drain(worker::runDue);
            job(jobId).body("status", equalTo("COMPLETED")).body("services[1].status", equalTo("CONFIRMED"));
            peers.verify(1, postRequestedFor(urlEqualTo(atomErasure(contributor)))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"subject\":\"" + subject + "\"}")));
            peers.verify(0, postRequestedFor(urlEqualTo(Fixtures.AUTHOR_ERASURE))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"subject\":\"" + subject + "\"}")));
        }

        @Test
        void whatThisServiceKeysByTheContributorsSubjectIsErasedToo() {
            UUID contributor = erasable();
            String subject = Fixtures.unique("quiet-leaver");
            // before contributor-service knew them, they filed a request and asked to reach someone
            String early = given().auth().oauth2(TestTokens.user(subject)).contentType(ContentType.JSON)
                    .body("{\"type\":\"OBJECTION\",\"reason\":\"I work at Example Corp\"}").when().post("/api/privacy/requests")
                    .then().statusCode(201).body("contributorId", nullValue()).extract().path("id");
            UUID other = UUID.randomUUID();
            String otherAccount = "o-" + other.toString().substring(0, 8);
            Fixtures.stubContributor(peers, Fixtures.unique("other"), other, otherAccount);
            String sent = given().auth().oauth2(TestTokens.user(subject)).contentType(ContentType.JSON)
                    .body(Map.of("accountName", otherAccount, "message", "Please call me back at the lab", "replyTo", "room 42"))
                    .when().post("/api/privacy/contact-requests").then().statusCode(201).extract().path("id");
            // contributor-service names their subject when resolving their id, and forgets it when it erases them
            String personalData = Fixtures.resolveById(contributor);
            peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(personalData)).atPriority(5).willReturn(Fixtures.json(200,
                    Fixtures.resolvedWithSubject(contributor, subject))));
            StubMapping unreadable = peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(personalData)).atPriority(1)
                    .willReturn(Fixtures.problem(503, "restarting")));
            String jobId = jobOf(contributor, clock.instant().minus(Duration.ofDays(8)));

            // without the subject, contributor-service is not asked to erase (it would forget the subject),
            // nor atom-service, whose erasure by author subject needs it
            worker.runDue();
            assertThat(calls(contributorErasure(contributor))).isZero();
            assertThat(calls(atomErasure(contributor))).isZero();
            job(jobId).body("status", equalTo("RETRYING")).body("services[0].status", equalTo("FAILED"))
                    .body("services[0].lastError", containsString("503")).body("services[1].status", equalTo("PENDING"))
                    .body("lastError", containsString("waits for contributor-service"));

            peers.removeStub(unreadable);
            Fixtures.later(clock, Duration.ofMinutes(5), () -> Fixtures.drain(worker::runDue));
            job(jobId).body("status", equalTo("COMPLETED"));
            assertThat(calls(contributorErasure(contributor))).isEqualTo(1);
            assertThat(calls(atomErasure(contributor))).isEqualTo(1);
            // the feedback they wrote under their login (before registering too) is erased by subject in atom-service
            peers.verify(1, postRequestedFor(urlEqualTo(Fixtures.AUTHOR_ERASURE))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"subject\":\"" + subject + "\"}")));

            String admin = TestTokens.admin("dpo");
            given().auth().oauth2(admin).when().get("/api/privacy/requests/" + early).then().statusCode(200)
                    .body("subject", nullValue()).body("details", nullValue()).body("status", equalTo("REJECTED"));
            given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/requests/mine").then().statusCode(200).body("total", equalTo(0));
            String contacts = given().auth().oauth2(admin).queryParam("limit", 100).when().get("/api/privacy/contact-requests")
                    .then().statusCode(200).extract().asString();
            assertThat(contacts).contains(sent).doesNotContain("Please call me back").doesNotContain("room 42").doesNotContain(subject);
            // the job itself keeps no subject once done
            assertThat(QuarkusTransaction.requiringNew().call(() -> jobs.findById(UUID.fromString(jobId)).subject)).isNull();
        }

        @Test
        void anAtomServiceThatIsDownDelaysTheJobWhichCompletesOnceItIsBack() {
            UUID contributor = erasable();
            StubMapping down = atomDown(contributor, Fixtures.problem(503, "atom-service is restarting"));
            String jobId = jobOf(contributor, clock.instant().minus(Duration.ofDays(8)));

            worker.runDue();
            job(jobId).body("status", equalTo("RETRYING")).body("lastError", containsString("atom-service answered 503"))
                    .body("services[0].status", equalTo("CONFIRMED"))
                    .body("services[1].status", equalTo("FAILED"))
                    .body("services[1].lastError", containsString("503"));
            // it waits for its backoff
            worker.runDue();
            assertThat(calls(atomErasure(contributor))).isEqualTo(1);

            peers.removeStub(down);
            down = atomDown(contributor, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
            Fixtures.later(clock, Duration.ofMinutes(1), () -> worker.runDue());
            assertThat(calls(atomErasure(contributor))).isEqualTo(2);
            job(jobId).body("status", equalTo("RETRYING")).body("attempts", equalTo(2)).body("services[1].lastError", containsString("unreachable"));

            peers.removeStub(down);
            Fixtures.later(clock, Duration.ofMinutes(10), () -> worker.runDue());
            job(jobId).body("status", equalTo("COMPLETED")).body("lastError", nullValue());
            assertThat(calls(atomErasure(contributor))).isEqualTo(3);
            // the confirmed service was not asked again
            assertThat(calls(contributorErasure(contributor))).isEqualTo(1);
        }

        @Test
        void anAdminRetriesNow() {
            UUID contributor = erasable();
            StubMapping down = atomDown(contributor, Fixtures.problem(502, "bad gateway"));
            String jobId = jobOf(contributor, clock.instant().minus(Duration.ofDays(9)));
            worker.runDue();
            job(jobId).body("status", equalTo("RETRYING"));
            peers.removeStub(down);
            given().auth().oauth2(TestTokens.admin("dpo")).when().post("/api/privacy/erasure-jobs/" + jobId + "/retry")
                    .then().statusCode(200).body("status", equalTo("COMPLETED"));
            given().auth().oauth2(TestTokens.admin("dpo")).when().post("/api/privacy/erasure-jobs/" + jobId + "/retry")
                    .then().statusCode(409).contentType("application/problem+json");
        }

        @Test
        void aJobClaimedByAReplicaThatDiedIsTakenAgainWhenItsLeaseExpires() {
            UUID contributor = erasable();
            String jobId = jobOf(contributor, clock.instant().minus(Duration.ofDays(8)));
            // a replica claims it, then dies before calling anyone (or the service restarts)
            Instant now = clock.instant();
            assertThat(QuarkusTransaction.requiringNew().call(() -> jobs.claimOne(UUID.fromString(jobId), now, now.plus(Duration.ofMinutes(2))))).isTrue();
            job(jobId).body("status", equalTo("RUNNING"));

            Fixtures.drain(worker::runDue);
            assertThat(calls(contributorErasure(contributor))).isZero();
            job(jobId).body("status", equalTo("RUNNING"));

            Fixtures.later(clock, Duration.ofMinutes(3), () -> Fixtures.drain(worker::runDue));
            job(jobId).body("status", equalTo("COMPLETED"));
            assertThat(calls(contributorErasure(contributor))).isEqualTo(1);
        }

        @Test
        void aDeadReplicasJobIsNoLongerShownRunningOnceItsShortLeaseExpired() {
            UUID contributor = erasable();
            String jobId = jobOf(contributor, clock.instant().minus(Duration.ofDays(8)));
            // a replica claims it under the default lease, then dies: nobody renews the lease
            Instant now = clock.now();
            Duration lease = Arc.container().instance(org.plugin.privacy.config.PrivacyConfig.class).get().jobs().lease();
            assertThat(lease).isLessThanOrEqualTo(Duration.ofSeconds(30));
            assertThat(QuarkusTransaction.requiringNew().call(() -> jobs.claimOne(UUID.fromString(jobId), now, now.plus(lease)))).isTrue();
            job(jobId).body("status", equalTo("RUNNING"));
            assertThat(listed("RUNNING")).contains(jobId);

            Fixtures.later(clock, lease.plusSeconds(1), () -> {
                job(jobId).body("status", equalTo("RETRYING"));
                assertThat(listed("RUNNING")).doesNotContain(jobId);
                assertThat(listed("RETRYING")).contains(jobId);
                Fixtures.drain(worker::runDue);
            });
            job(jobId).body("status", equalTo("COMPLETED"));
            assertThat(calls(contributorErasure(contributor))).isEqualTo(1);
        }

        List<String> listed(String status) {
            return given().auth().oauth2(TestTokens.admin("dpo")).queryParam("status", status).queryParam("limit", 100)
                    .when().get("/api/privacy/erasure-jobs").then().statusCode(200).extract().path("items.id");
        }

        @Test
        void twoReplicasNeverRunTheSameJob() throws Exception {
            UUID contributor = erasable();
            String jobId = jobOf(contributor, clock.instant().minus(Duration.ofDays(8)));
            try (Connection other = dataSource.getConnection()) {
                other.setAutoCommit(false);
                try (PreparedStatement lock = other.prepareStatement("SELECT id FROM erasure_job WHERE id = ? FOR UPDATE")) {
                    lock.setObject(1, UUID.fromString(jobId));
                    lock.executeQuery();
                }
                // the other replica holds the row: this one skips it without waiting
                CompletableFuture.runAsync(() -> Fixtures.drain(worker::runDue)).get(20, TimeUnit.SECONDS);
                assertThat(calls(contributorErasure(contributor))).isZero();
                other.rollback();
            }
            Fixtures.drain(worker::runDue);
            job(jobId).body("status", equalTo("COMPLETED"));
            assertThat(calls(contributorErasure(contributor))).isEqualTo(1);
        }

        @Test
        void oneScheduledRunWorksOffABacklogLargerThanABatch() {
            // 25 due jobs (a batch is 20): one run of the schedule takes them all, not 20 per run
            List<UUID> contributors = java.util.stream.IntStream.range(0, 25).mapToObj(i -> erasable()).toList();
            List<String> jobIds = contributors.stream().map(c -> jobOf(c, clock.instant().minus(Duration.ofDays(8)))).toList();
            worker.scheduled();
            jobIds.forEach(id -> job(id).body("status", equalTo("COMPLETED")));
            contributors.forEach(c -> assertThat(calls(contributorErasure(c))).isEqualTo(1));
        }

        @Test
        void lanesRunEveryJobOnceAndJobsWhoseServiceFailsAreRetriedNotDropped() {
            // 70 due jobs: more than one lane's batch, so a scheduled run works in several lanes at once
            List<UUID> contributors = java.util.stream.IntStream.range(0, 70).mapToObj(i -> erasable()).toList();
            List<UUID> failing = contributors.subList(10, 15);
            List<StubMapping> down = failing.stream().map(c -> atomDown(c, Fixtures.problem(503, "atom-service is restarting"))).toList();
            Map<UUID, String> jobIds = new java.util.LinkedHashMap<>();
            contributors.forEach(c -> jobIds.put(c, jobOf(c, clock.instant().minus(Duration.ofDays(8)))));

            worker.scheduled();
            for (UUID c : contributors) {
                // no lane ran a job another lane held: every service was asked once per job
                assertThat(calls(contributorErasure(c))).as("contributor-service calls for %s", c).isEqualTo(1);
                assertThat(calls(atomErasure(c))).as("atom-service calls for %s", c).isEqualTo(1);
                if (failing.contains(c)) {
                    job(jobIds.get(c)).body("status", equalTo("RETRYING")).body("completedAt", nullValue())
                            .body("services[0].status", equalTo("CONFIRMED")).body("services[1].status", equalTo("FAILED"));
                } else {
                    job(jobIds.get(c)).body("status", equalTo("COMPLETED")).body("attempts", equalTo(1));
                }
            }

            down.forEach(peers::removeStub);
            Fixtures.later(clock, Duration.ofMinutes(10), () -> worker.scheduled());
            for (UUID c : failing) {
                job(jobIds.get(c)).body("status", equalTo("COMPLETED")).body("attempts", equalTo(2));
                assertThat(calls(contributorErasure(c))).isEqualTo(1);
                assertThat(calls(atomErasure(c))).isEqualTo(2);
            }
        }

        @Test
        void jobsNotDoneThreeDaysBeforeTheirDeadlineAreFlaggedAndCounted() {
            UUID contributor = erasable();
            StubMapping down = atomDown(contributor, Fixtures.problem(503, "down"));
            // deactivated 29 days ago: the deadline is one or two days away
            String jobId = jobOf(contributor, clock.instant().minus(Duration.ofDays(29)));
            worker.runDue();
            List<String> atRisk = given().auth().oauth2(TestTokens.admin("dpo")).queryParam("atRisk", true).queryParam("limit", 100)
                    .when().get("/api/privacy/erasure-jobs").then().statusCode(200).extract().path("items.id");
            assertThat(atRisk).contains(jobId);
            job(jobId).body("atRisk", equalTo(true));
            double before = gauge();
            assertThat(before).isGreaterThanOrEqualTo(1);

            peers.removeStub(down);
            given().auth().oauth2(TestTokens.admin("dpo")).when().post("/api/privacy/erasure-jobs/" + jobId + "/retry")
                    .then().statusCode(200).body("status", equalTo("COMPLETED")).body("atRisk", equalTo(false));
            given().auth().oauth2(TestTokens.admin("dpo")).queryParam("atRisk", true).queryParam("limit", 100)
                    .when().get("/api/privacy/erasure-jobs").then().statusCode(200);
            assertThat(gauge()).isEqualTo(before - 1);
        }

        double gauge() {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            return metrics.lines().filter(l -> l.startsWith("privacy_erasure_jobs_at_risk"))
                    .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
        }
    }

    /** The login account at the identity provider (Keycloak's admin API, played by WireMock): the job's third step. */
    @Nested
    class IdentityProviderStep {

        static String account(String subject) {
            return PeersResource.IDENTITY_PROVIDER_ADMIN + "/users/" + subject;
        }

        long deletions(String subject) {
            return peers.countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlEqualTo(account(subject)))
                    .build()).getCount();
        }

        /** contributor-service names the contributor's login subject when resolving their id (read before erasing them). */
        String withSubject(UUID contributor) {
            String subject = UUID.randomUUID().toString();
            peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(Fixtures.resolveById(contributor)))
                    .atPriority(5).willReturn(Fixtures.json(200,
                            Fixtures.resolvedWithSubject(contributor, subject))));
            return subject;
        }

        @Test
        void theAccountIsDeletedByTheLoginSubjectWithTheIdentityProvidersOwnClientAndTheCertificateNamesTheStep() {
            UUID contributor = erasable();
            String subject = withSubject(contributor);
            String jobId = jobOf(contributor, clock.instant().minus(Duration.ofDays(8)));
            Fixtures.drain(worker::runDue);

            job(jobId).body("status", equalTo("COMPLETED")).body("services[2].service", equalTo("identity-provider"))
                    .body("services[2].status", equalTo("CONFIRMED")).body("services[2].confirmedAt", notNullValue());
            assertThat(deletions(subject)).isOne();
            peers.verify(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlEqualTo(account(subject)))
                    .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
            // the token is the one of the identity provider's client (privacy-service-idp), not the service's own
            peers.verify(postRequestedFor(urlEqualTo("/token")).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                    "Basic " + java.util.Base64.getEncoder().encodeToString("privacy-service-idp:privacy-service-idp-secret".getBytes(StandardCharsets.UTF_8)))));
            given().auth().oauth2(TestTokens.admin("dpo")).when().get("/api/privacy/erasure-jobs/" + jobId + "/certificate").then().statusCode(200)
                    .body("confirmations.service", hasItem("identity-provider"))
                    .body("canonicalForm", containsString("|identity-provider="));
            // the job forgets the subject once done
            assertThat(QuarkusTransaction.requiringNew().call(() -> jobs.findById(UUID.fromString(jobId)).subject)).isNull();
        }

        @Test
        void whileTheIdentityProviderIsDownTheStepIsRetriedAndCompletesOnceItIsBack() {
            UUID contributor = erasable();
            String subject = withSubject(contributor);
            StubMapping down = peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlEqualTo(account(subject))).atPriority(1)
                    .willReturn(Fixtures.problem(503, "Keycloak is starting")));
            String jobId = jobOf(contributor, clock.instant().minus(Duration.ofDays(8)));

            worker.runDue();
            job(jobId).body("status", equalTo("RETRYING")).body("services.status", equalTo(List.of("CONFIRMED", "CONFIRMED", "FAILED")))
                    .body("services[2].lastError", containsString("identity-provider answered 503"))
                    .body("lastError", containsString("identity-provider"));
            // its backoff is respected; the services that confirmed are not asked again
            worker.runDue();
            assertThat(deletions(subject)).isOne();

            peers.removeStub(down);
            down = peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlEqualTo(account(subject))).atPriority(1)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            Fixtures.later(clock, Duration.ofMinutes(1), () -> worker.runDue());
            job(jobId).body("status", equalTo("RETRYING")).body("services[2].attempts", equalTo(2))
                    .body("services[2].lastError", containsString("unreachable"));

            peers.removeStub(down);
            Fixtures.later(clock, Duration.ofMinutes(10), () -> worker.runDue());
            job(jobId).body("status", equalTo("COMPLETED")).body("services[2].status", equalTo("CONFIRMED")).body("services[2].attempts", equalTo(3));
            assertThat(deletions(subject)).isEqualTo(3);
            assertThat(calls(contributorErasure(contributor))).isOne();
            assertThat(calls(atomErasure(contributor))).isOne();
            given().auth().oauth2(TestTokens.admin("dpo")).when().get("/api/privacy/erasure-jobs/" + jobId + "/certificate").then().statusCode(200)
                    .body("completedBeforeDeadline", equalTo(true));
        }

        @Test
        void anAccountAlreadyGoneIsDoneButA404ThatNamesNoUserIsAFailure() {
            UUID gone = erasable();
            String goneSubject = withSubject(gone);
            peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlEqualTo(account(goneSubject))).atPriority(1)
                    .willReturn(PeersResource.userNotFound()));
            String goneJob = jobOf(gone, clock.instant().minus(Duration.ofDays(8)));
            Fixtures.drain(worker::runDue);
            job(goneJob).body("status", equalTo("COMPLETED")).body("services[2].status", equalTo("CONFIRMED"));

            // a wrong realm or path answers 404 too, without Keycloak's "User not found": never taken for an erased account
            UUID misrouted = erasable();
            String subject = withSubject(misrouted);
            StubMapping wrong = peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlEqualTo(account(subject))).atPriority(1)
                    .willReturn(Fixtures.json(404, "{\"error\":\"Realm not found.\"}")));
            String jobId = jobOf(misrouted, clock.instant().minus(Duration.ofDays(8)));
            worker.runDue();
            job(jobId).body("status", equalTo("RETRYING")).body("services[2].status", equalTo("FAILED"))
                    .body("services[2].lastError", containsString("admin URL"));
            peers.removeStub(wrong);
            Fixtures.later(clock, Duration.ofMinutes(5), () -> worker.runDue());
            job(jobId).body("status", equalTo("COMPLETED"));
        }

        @Test
        void theStepWaitsForTheSubjectWhichContributorServiceGives() {
            UUID contributor = erasable();
            String subject = UUID.randomUUID().toString();
            String personalData = Fixtures.resolveById(contributor);
            StubMapping unreadable = peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(personalData)).atPriority(1)
                    .willReturn(Fixtures.problem(503, "restarting")));
            String jobId = jobOf(contributor, clock.instant().minus(Duration.ofDays(8)));
            var anyDeletion = com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlMatching(PeersResource.IDENTITY_PROVIDER_ADMIN + "/users/.*")).build();
            long before = peers.countRequestsMatching(anyDeletion).getCount();
            worker.runDue();
            job(jobId).body("status", equalTo("RETRYING")).body("services[2].status", equalTo("PENDING"))
                    .body("lastError", containsString("identity-provider: waits for contributor-service"));
            assertThat(peers.countRequestsMatching(anyDeletion).getCount()).as("no account deleted without knowing whose").isEqualTo(before);

            peers.removeStub(unreadable);
            peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(personalData)).atPriority(2).willReturn(Fixtures.json(200,
                    Fixtures.resolvedWithSubject(contributor, subject))));
            Fixtures.later(clock, Duration.ofMinutes(5), () -> worker.runDue());
            job(jobId).body("status", equalTo("COMPLETED"));
            assertThat(deletions(subject)).isOne();
        }
    }

    @Nested
    class ErasureRequests {
        @Test
        void anApprovedErasureRequestRunsWithoutGraceAndCompletesTheRequest() {
            UUID contributor = erasable();
            String subject = Fixtures.unique("eraser");
            Fixtures.stubContributor(peers, subject, contributor, "eraser-" + contributor.toString().substring(0, 6));
            String id = given().auth().oauth2(TestTokens.user(subject)).contentType(ContentType.JSON).body("{\"type\":\"ERASURE\"}")
                    .when().post("/api/privacy/requests").then().statusCode(201).body("status", equalTo("RECEIVED")).extract().path("id");
            String dueDate = given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/requests/" + id).then().extract().path("dueDate");
            given().auth().oauth2(TestTokens.admin("dpo")).contentType(ContentType.JSON).body("{}").when().post("/api/privacy/requests/" + id + "/approve")
                    .then().statusCode(200);
            Fixtures.drain(requestWorker::runDue);
            String jobId = given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/requests/" + id).then().statusCode(200)
                    .body("status", equalTo("IN_PROGRESS")).body("history[-1].action", equalTo("ERASURE_SCHEDULED"))
                    .extract().path("erasureJobId");
            String deadline = job(jobId).body("source", equalTo("REQUEST")).body("requestId", equalTo(id)).extract().path("deadline");
            // the due date is a day in the operator's zone; the deadline an instant: it falls on that day there
            assertThat(Instant.parse(deadline).atZone(PlatformClock.OPERATOR_ZONE).toLocalDate())
                    .isEqualTo(java.time.LocalDate.parse(dueDate));

            Fixtures.drain(worker::runDue);
            job(jobId).body("status", equalTo("COMPLETED"));
            given().auth().oauth2(TestTokens.admin("dpo")).when().get("/api/privacy/requests/" + id).then().statusCode(200)
                    .body("status", equalTo("COMPLETED")).body("subject", nullValue());
            // a deactivation arriving afterwards joins the finished job
            deactivate(UUID.randomUUID(), contributor, clock.instant()).statusCode(200).body("jobId", equalTo(jobId)).body("status", equalTo("COMPLETED"));
        }

        @Test
        void aUserWhoIsNotAContributorIsErasedFromThisServiceAlone() {
            String subject = Fixtures.unique("visitor");
            String id = given().auth().oauth2(TestTokens.user(subject)).contentType(ContentType.JSON).body("{\"type\":\"ERASURE\"}")
                    .when().post("/api/privacy/requests").then().statusCode(201).extract().path("id");
            given().auth().oauth2(TestTokens.admin("dpo")).contentType(ContentType.JSON).body("{}").when().post("/api/privacy/requests/" + id + "/approve")
                    .then().statusCode(200);
            // atom-service is down at first: the request waits and retries, nothing is lost
            var down = peers.stubFor(post(urlEqualTo(Fixtures.AUTHOR_ERASURE)).atPriority(1)
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"subject\":\"" + subject + "\"}"))
                    .willReturn(Fixtures.problem(503, "restarting")));
            Fixtures.drain(requestWorker::runDue);
            given().auth().oauth2(TestTokens.admin("dpo")).when().get("/api/privacy/requests/" + id).then().statusCode(200)
                    .body("status", equalTo("IN_PROGRESS")).body("lastError", containsString("503")).body("subject", equalTo(subject));
            peers.removeStub(down);
            Fixtures.later(clock, Duration.ofMinutes(5), () -> Fixtures.drain(requestWorker::runDue));
            given().auth().oauth2(TestTokens.admin("dpo")).when().get("/api/privacy/requests/" + id).then().statusCode(200)
                    .body("status", equalTo("COMPLETED")).body("subject", nullValue()).body("erasureJobId", nullValue())
                    .body("history[-1].action", equalTo("ERASED")).body("history[-1].note", containsString("their feedback in atom-service"));
            peers.verify(2, postRequestedFor(urlEqualTo(Fixtures.AUTHOR_ERASURE))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"subject\":\"" + subject + "\"}")));
        }

        @Test
        void aUserWhoIsNotAContributorLosesTheirLoginAccountTooOnceTheIdentityProviderAnswers() {
            String subject = UUID.randomUUID().toString();
            String account = PeersResource.IDENTITY_PROVIDER_ADMIN + "/users/" + subject;
            String id = given().auth().oauth2(TestTokens.user(subject)).contentType(ContentType.JSON).body("{\"type\":\"ERASURE\"}")
                    .when().post("/api/privacy/requests").then().statusCode(201).extract().path("id");
            given().auth().oauth2(TestTokens.admin("dpo")).contentType(ContentType.JSON).body("{}").when().post("/api/privacy/requests/" + id + "/approve")
                    .then().statusCode(200);
            var down = peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlEqualTo(account)).atPriority(1)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            Fixtures.drain(requestWorker::runDue);
            given().auth().oauth2(TestTokens.admin("dpo")).when().get("/api/privacy/requests/" + id).then().statusCode(200)
                    .body("status", equalTo("IN_PROGRESS")).body("lastError", containsString("identity-provider unreachable"));
            peers.removeStub(down);
            Fixtures.later(clock, Duration.ofMinutes(5), () -> Fixtures.drain(requestWorker::runDue));
            given().auth().oauth2(TestTokens.admin("dpo")).when().get("/api/privacy/requests/" + id).then().statusCode(200)
                    .body("status", equalTo("COMPLETED")).body("subject", nullValue())
                    .body("history[-1].note", containsString("login account at the identity provider was deleted"));
            peers.verify(2, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlEqualTo(account)));
        }
    }
}
