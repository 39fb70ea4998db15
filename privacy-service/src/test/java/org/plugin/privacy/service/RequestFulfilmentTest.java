package org.plugin.privacy.service;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.plugin.common.time.PlatformClock;
import org.plugin.privacy.repository.ExportRepository;
import org.plugin.privacy.support.Fixtures;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Requests the service fulfils itself, against WireMock standing in for contributor-service and atom-service. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class RequestFulfilmentTest {

    @InjectPeers
    WireMockServer peers;

    @Inject
    RequestWorker worker;

    @Inject
    ExportPurger purger;

    @Inject
    ExportRepository exports;

    @Inject
    PlatformClock clock;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    record Person(String subject, UUID id, String accountName) {
    }

    @org.junit.jupiter.api.BeforeEach
    void authorDefaults() {
        Fixtures.stubAuthorDefaults(peers);
    }

    /** atom-service's feedback written under {@code subject}'s login. */
    void stubAuthored(String subject, String comment) {
        peers.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(Fixtures.AUTHOR_DATA))
                .withQueryParam("subject", com.github.tomakehurst.wiremock.client.WireMock.equalTo(subject)).willReturn(Fixtures.json(200, """
                        {"subject":"%s","ratings":[{"atom":"a-vnf","stars":2,"createdAt":"2025-12-01T10:00:00Z","updatedAt":"2025-12-01T10:00:00Z"}],
                         "comments":[{"id":"%s","atom":"a-vnf","body":"%s","createdAt":"2025-12-01T10:00:00Z"}]}"""
                        .formatted(subject, UUID.randomUUID(), comment))));
    }

    Person contributor() {
        String subject = Fixtures.unique("sub");
        UUID id = UUID.randomUUID();
        String account = "acc-" + id.toString().substring(0, 8);
        Fixtures.stubContributor(peers, subject, id, account);
        // the shapes contributor-service and atom-service answer (their InternalDtos.PersonalData)
        peers.stubFor(get(urlEqualTo("/internal/contributors/" + id + "/personal-data")).willReturn(Fixtures.json(200, """
                {"profile":{"id":"%s","subject":"%s","accountName":"%s","firstName":"Zoë","lastName":"O'Brien-Núñez","email":"%s@example.org",
                  "status":"ACTIVE","registeredAt":"2026-01-05T10:00:00Z","updatedAt":"2026-02-01T10:00:00Z","deactivatedAt":null,
                  "erasureDueAt":null,"erasedAt":null},
                 "restriction":{"restricted":false,"reason":null,"changedAt":null,"changedBy":null},
                 "rectifications":[{"field":"email","changedAt":"2026-02-01T10:00:00Z","actorType":"SELF","actor":"%s"}],
                 "emailReads":[{"readAt":"2026-03-01T10:00:00Z","readerSubject":"admin-sub","readerName":"admin","context":"ADMIN_VIEW"}],
                 "exportedAt":"2026-03-02T10:00:00Z"}""".formatted(id, subject, account, account, subject))));
        peers.stubFor(get(urlEqualTo("/internal/atoms/contributors/" + id + "/personal-data")).willReturn(Fixtures.json(200, """
                {"contributorId":"%s","restricted":false,"erasure":null,
                 "atoms":[{"name":"%s-vnf","descriptor":{"displayName":"Packet shaper","kind":"VNF"},"lifecycle":"ACTIVE",
                   "createdAt":"2026-01-06T10:00:00Z","versions":[{"version":"1.0.0"}]}],
                 "chains":[{"name":"%s-chain","description":"Shaper then firewall","createdAt":"2026-01-07T10:00:00Z"}],
                 "ratings":[{"atom":"someone-elses-atom","stars":4,"createdAt":"2026-01-08T10:00:00Z","updatedAt":"2026-01-08T10:00:00Z"}],
                 "comments":[{"id":"%s","atom":"someone-elses-atom","body":"Works well on our testbed","createdAt":"2026-01-08T10:00:00Z"}],
                 "ledger":[{"seq":1,"id":"%s","recordedAt":"2026-01-06T10:00:00Z","event":"ATOM_CREATED","atom":"%s-vnf","version":null,
                   "actorKind":"CONTRIBUTOR","ciClient":null,"details":null}]}"""
                .formatted(id, account, account, UUID.randomUUID(), UUID.randomUUID(), account))));
        return new Person(subject, id, account);
    }

    String file(String subject, String body) {
        return given().auth().oauth2(TestTokens.user(subject)).contentType(ContentType.JSON).body(body)
                .when().post("/api/privacy/requests").then().statusCode(201).extract().path("id");
    }

    io.restassured.response.ValidatableResponse read(String subject, String id) {
        return given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/requests/" + id).then().statusCode(200);
    }

    void disclose(UUID contributor, String authority, boolean confidential) {
        given().auth().oauth2(TestTokens.admin("dpo")).contentType(ContentType.JSON).body("""
                {"authority":"%s","legalBasis":"Code de procédure pénale, art. 60-1","reference":"REQ-%s",
                 "contributorIds":["%s"],"dataCategories":["email address","account name"],"disclosedOn":"%s","confidential":%s}"""
                .formatted(authority, UUID.randomUUID(), contributor, clock.today(), confidential))
                .when().post("/api/privacy/disclosures").then().statusCode(201);
    }

    @Test
    void accessGathersEverythingAndOnlyTheSubjectAndAdminsDownloadIt() {
        Person p = contributor();
        Person target = contributor();
        given().auth().oauth2(TestTokens.user(p.subject())).contentType(ContentType.JSON)
                .body(java.util.Map.of("accountName", target.accountName(), "message", "May I reuse your firewall?"))
                .when().post("/api/privacy/contact-requests").then().statusCode(201);
        disclose(p.id(), "Tribunal judiciaire de Paris", false);
        disclose(p.id(), "Sealed investigation", true);
        String id = file(p.subject(), "{\"type\":\"ACCESS\"}");
        Fixtures.drain(worker::runDue);

        read(p.subject(), id).body("status", equalTo("COMPLETED")).body("contributorId", equalTo(p.id().toString()))
                .body("export.href", equalTo("/api/privacy/requests/" + id + "/export"))
                .body("history.action", hasItem("COMPLETED"));

        var doc = given().auth().oauth2(TestTokens.user(p.subject())).when().get("/api/privacy/requests/" + id + "/export")
                .then().statusCode(200).contentType(ContentType.JSON).header("Content-Disposition", containsString("attachment"))
                .body("format", equalTo("plugin-access-export/1"))
                .body("subject.contributorId", equalTo(p.id().toString()))
                .body("personalData.profile.email", equalTo(p.accountName() + "@example.org"))
                .body("personalData.emailReads[0].readerName", equalTo("admin"))
                .body("contributions.atoms[0].name", equalTo(p.accountName() + "-vnf"))
                .body("contributions.comments[0].body", equalTo("Works well on our testbed"))
                .body("contributions.ratings[0].stars", equalTo(4))
                .body("contactRequests.sent[0].accountName", equalTo(target.accountName()))
                .body("contactRequests.sent[0].message", equalTo("May I reuse your firewall?"))
                .body("contributions.ledger[0].event", equalTo("ATOM_CREATED"))
                .body("disclosures.authority", equalTo(List.of("Tribunal judiciaire de Paris")))
                .body("privacyRequests.id", hasItem(id))
                .body("processing.purposes[0].legalBasis", containsString("Legitimate interest"))
                .body("processing.recipients", hasItem(containsString("competent authorities")))
                .body("processing.retention", hasItem(containsString("1 month")))
                .body("processing.dataLocation", containsString("EU"))
                .extract().asString();
        assertThat(doc).doesNotContain("Sealed investigation");

        given().auth().oauth2(TestTokens.user(Fixtures.unique("someone-else"))).when().get("/api/privacy/requests/" + id + "/export")
                .then().statusCode(404).contentType("application/problem+json");
        read(p.subject(), id).body("history.action", not(hasItem("EXPORT_READ_BY_ADMIN")));
        given().auth().oauth2(TestTokens.admin("dpo")).when().get("/api/privacy/requests/" + id + "/export")
                .then().statusCode(200).body("personalData.profile.accountName", equalTo(p.accountName()));
        // an admin reading someone's data (their email among it) is recorded
        read(p.subject(), id).body("history[-1].action", equalTo("EXPORT_READ_BY_ADMIN")).body("history[-1].actor", equalTo("admin:dpo"));
        given().when().get("/api/privacy/requests/" + id + "/export").then().statusCode(401);
        peers.verify(getRequestedFor(urlEqualTo("/internal/contributors/" + p.id() + "/personal-data"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
    }

    @Test
    void exportsExpireAfterTheConfiguredDays() {
        Person p = contributor();
        String id = file(p.subject(), "{\"type\":\"PORTABILITY\"}");
        Fixtures.drain(worker::runDue);
        String expires = read(p.subject(), id).body("status", equalTo("COMPLETED")).extract().path("export.expiresAt");
        assertThat(java.time.Instant.parse(expires)).isBetween(clock.instant().plus(Duration.ofDays(29)), clock.instant().plus(Duration.ofDays(31)));

        // one day before expiry it is still there, purge or not
        Fixtures.later(clock, Duration.ofDays(29), () -> {
            purger.purge();
            given().auth().oauth2(TestTokens.user(p.subject())).when().get("/api/privacy/requests/" + id + "/export").then().statusCode(200);
        });
        Fixtures.later(clock, Duration.ofDays(31), () -> {
            assertThat(purger.purge()).isPositive();
            given().auth().oauth2(TestTokens.user(p.subject())).when().get("/api/privacy/requests/" + id + "/export")
                    .then().statusCode(410).contentType("application/problem+json").body("detail", containsString("expired"));
            read(p.subject(), id).body("export.expired", equalTo(true));
        });
        assertThat(QuarkusTransaction.requiringNew().call(() -> exports.byRequest(UUID.fromString(id)))).isEmpty();
    }

    @Test
    void portabilityIsWhatTheSubjectProvidedInAStructuredFormat() {
        Person p = contributor();
        String id = file(p.subject(), "{\"type\":\"PORTABILITY\"}");
        Fixtures.drain(worker::runDue);
        given().auth().oauth2(TestTokens.user(p.subject())).when().get("/api/privacy/requests/" + id + "/export")
                .then().statusCode(200)
                .body("format", equalTo("plugin-portability-export/1"))
                .body("profile.accountName", equalTo(p.accountName()))
                .body("profile.firstName", equalTo("Zoë"))
                .body("profile.lastName", equalTo("O'Brien-Núñez"))
                .body("profile.email", equalTo(p.accountName() + "@example.org"))
                .body("profile", not(hasKey("status")))
                .body("profile", not(hasKey("subject")))
                .body("contributions.atoms[0].descriptor.displayName", equalTo("Packet shaper"))
                .body("contributions.atoms[0].versions[0].version", equalTo("1.0.0"))
                .body("contributions.chains[0].name", equalTo(p.accountName() + "-chain"))
                .body("contributions.ratings[0].stars", equalTo(4))
                .body("contributions.comments[0].body", equalTo("Works well on our testbed"))
                .body("contributions", not(hasKey("ledger")))
                .body("$", not(hasKey("processing")));
    }

    @Test
    void aUserWhoIsNotAContributorStillGetsTheirAccessDocumentWithTheirFeedback() {
        String subject = Fixtures.unique("not-contributor");
        stubAuthored(subject, "Great for my lab tests");
        String id = file(subject, "{\"type\":\"ACCESS\"}");
        Fixtures.drain(worker::runDue);
        read(subject, id).body("status", equalTo("COMPLETED")).body("contributorId", nullValue());
        given().auth().oauth2(TestTokens.user(subject)).when().get("/api/privacy/requests/" + id + "/export")
                .then().statusCode(200).body("subject.registeredContributor", equalTo(false))
                .body("subject.tokenSubject", equalTo(subject)).body("privacyRequests.id", hasItem(id))
                .body("feedback.comments[0].body", equalTo("Great for my lab tests"))
                .body("feedback.ratings[0].stars", equalTo(2));
        peers.verify(getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(Fixtures.AUTHOR_DATA))
                .withQueryParam("subject", com.github.tomakehurst.wiremock.client.WireMock.equalTo(subject))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));
    }

    @Test
    void portabilityCarriesTheFeedbackWrittenBeforeRegistering() {
        Person p = contributor();
        stubAuthored(p.subject(), "Written before I registered");
        String id = file(p.subject(), "{\"type\":\"PORTABILITY\"}");
        Fixtures.drain(worker::runDue);
        given().auth().oauth2(TestTokens.user(p.subject())).when().get("/api/privacy/requests/" + id + "/export")
                .then().statusCode(200)
                .body("contributions.comments.body", equalTo(List.of("Works well on our testbed", "Written before I registered")))
                .body("contributions.ratings.stars", equalTo(List.of(4, 2)))
                .body("contributions.atoms[0].name", equalTo(p.accountName() + "-vnf"));
    }

    @Test
    void aPeerDownDelaysTheExportAndItCompletesOnceBack() {
        Person p = contributor();
        String atomPath = "/internal/atoms/contributors/" + p.id() + "/personal-data";
        peers.stubFor(get(urlEqualTo(atomPath)).atPriority(1).willReturn(Fixtures.problem(503, "maintenance")));
        String id = file(p.subject(), "{\"type\":\"ACCESS\"}");
        Fixtures.drain(worker::runDue);
        read(p.subject(), id).body("status", equalTo("IN_PROGRESS")).body("lastError", containsString("atom-service answered 503"));
        // not retried before its backoff
        Fixtures.drain(worker::runDue);
        assertThat(peers.countRequestsMatching(getRequestedFor(urlEqualTo(atomPath)).build()).getCount()).isEqualTo(1);
        Fixtures.later(clock, Duration.ofMinutes(1), () -> Fixtures.drain(worker::runDue));
        assertThat(peers.countRequestsMatching(getRequestedFor(urlEqualTo(atomPath)).build()).getCount()).isEqualTo(2);

        peers.removeStub(peers.getStubMappings().stream().filter(m -> m.getPriority() != null && m.getPriority() == 1
                && m.getRequest().getUrl() != null && m.getRequest().getUrl().equals(atomPath)).findFirst().orElseThrow());
        Fixtures.later(clock, Duration.ofMinutes(10), () -> Fixtures.drain(worker::runDue));
        read(p.subject(), id).body("status", equalTo("COMPLETED")).body("lastError", nullValue());
    }

    @Test
    void rectificationIsAppliedAndOnlyTheFieldNamesAreKept() {
        Person p = contributor();
        String path = "/internal/contributors/" + p.id();
        peers.stubFor(patch(urlEqualTo(path)).willReturn(Fixtures.json(200, "{\"id\":\"" + p.id() + "\"}")));
        String id = file(p.subject(), "{\"type\":\"RECTIFICATION\",\"rectification\":{\"firstName\":\"Zoé\",\"email\":\"zoe.new@example.org\"}}");
        read(p.subject(), id).body("details.rectification.email", equalTo("zoe.new@example.org"));
        Fixtures.drain(worker::runDue);
        peers.verify(1, patchRequestedFor(urlEqualTo(path))
                .withRequestBody(equalToJson("{\"firstName\":\"Zoé\",\"email\":\"zoe.new@example.org\"}")));
        String body = read(p.subject(), id).body("status", equalTo("COMPLETED"))
                .body("details.rectifiedFields", equalTo(List.of("firstName", "email")))
                .extract().asString();
        assertThat(body).doesNotContain("zoe.new@example.org");
    }

    @Test
    void aRectificationContributorServiceRefusesIsRejectedWithItsReason() {
        Person p = contributor();
        peers.stubFor(patch(urlEqualTo("/internal/contributors/" + p.id())).willReturn(Fixtures.problem(409, "Email already taken")));
        String id = file(p.subject(), "{\"type\":\"RECTIFICATION\",\"rectification\":{\"email\":\"taken@example.org\"}}");
        Fixtures.drain(worker::runDue);
        read(p.subject(), id).body("status", equalTo("REJECTED")).body("rejectionReason", containsString("Email already taken"));

        // neither a contributor nor an account at the identity provider: nothing holds data to rectify
        String stranger = Fixtures.unique("stranger");
        peers.stubFor(put(urlEqualTo(PeersResource.IDENTITY_PROVIDER_ADMIN + "/users/" + stranger)).atPriority(1).willReturn(PeersResource.userNotFound()));
        String other = file(stranger, "{\"type\":\"RECTIFICATION\",\"rectification\":{\"lastName\":\"Martin\"}}");
        Fixtures.drain(worker::runDue);
        read(stranger, other).body("status", equalTo("REJECTED")).body("rejectionReason", containsString("not a registered contributor"))
                .body("rejectionReason", containsString("no login account"));
    }

    @Test
    void anApprovedRestrictionIsSetInContributorServiceWhichCarriesItToAtomServiceAndLiftedTheSameWay() {
        Person p = contributor();
        String contributorPath = "/internal/contributors/" + p.id() + "/restriction";
        String atomPath = "/internal/atoms/contributors/" + p.id() + "/restriction";
        peers.stubFor(put(urlEqualTo(contributorPath)).atPriority(1).willReturn(Fixtures.problem(503, "down")));
        peers.stubFor(put(urlEqualTo(contributorPath)).atPriority(5).willReturn(Fixtures.json(200, "{}")));
        String id = file(p.subject(), "{\"type\":\"RESTRICTION\",\"reason\":\"I contest the accuracy of my data\"}");
        String admin = TestTokens.admin("dpo");

        Fixtures.drain(worker::runDue);
        read(p.subject(), id).body("status", equalTo("RECEIVED")); // waits for an admin
        peers.verify(0, putRequestedFor(urlEqualTo(contributorPath)));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").when().post("/api/privacy/requests/" + id + "/approve")
                .then().statusCode(200);
        Fixtures.drain(worker::runDue);
        read(p.subject(), id).body("status", equalTo("IN_PROGRESS")).body("restrictionActive", equalTo(false))
                .body("lastError", containsString("contributor-service"));

        peers.removeStub(peers.getStubMappings().stream().filter(m -> Integer.valueOf(1).equals(m.getPriority())
                && contributorPath.equals(m.getRequest().getUrl())).findFirst().orElseThrow());
        Fixtures.later(clock, Duration.ofMinutes(5), () -> Fixtures.drain(worker::runDue));
        read(p.subject(), id).body("status", equalTo("COMPLETED")).body("restrictionActive", equalTo(true))
                .body("history[-1].note", containsString("carries it to atom-service"));
        peers.verify(putRequestedFor(urlEqualTo(contributorPath)).withRequestBody(equalToJson("{\"restricted\":true}", true, true)));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"note\":\"accuracy verified\"}")
                .when().post("/api/privacy/requests/" + id + "/lift").then().statusCode(200).body("history[-1].action", equalTo("LIFT_REQUESTED"));
        Fixtures.drain(worker::runDue);
        read(p.subject(), id).body("status", equalTo("COMPLETED")).body("restrictionActive", equalTo(false))
                .body("history[-1].action", equalTo("RESTRICTION_LIFTED"));
        peers.verify(putRequestedFor(urlEqualTo(contributorPath)).withRequestBody(equalToJson("{\"restricted\":false}", true, true)));
        // one path for one decision: atom-service hears it from contributor-service (as for an admin's restriction), never from here
        peers.verify(0, putRequestedFor(urlEqualTo(atomPath)));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                .when().post("/api/privacy/requests/" + id + "/lift").then().statusCode(409);
    }

    @Test
    void anAdminRejectionWinsOverWorkNotYetDone() {
        Person p = contributor();
        String id = file(p.subject(), "{\"type\":\"OBJECTION\"}");
        String admin = TestTokens.admin("dpo");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").when().post("/api/privacy/requests/" + id + "/approve")
                .then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"reason\":\"approved by mistake\"}")
                .when().post("/api/privacy/requests/" + id + "/reject").then().statusCode(200).body("workPending", equalTo(false));
        Fixtures.drain(worker::runDue);
        read(p.subject(), id).body("status", equalTo("REJECTED"));
        peers.verify(0, putRequestedFor(urlEqualTo("/internal/contributors/" + p.id() + "/restriction")));
    }

    @Test
    void aRestrictionThePeersCannotApplyEndsInsteadOfRetryingForever() {
        String admin = TestTokens.admin("dpo");
        // contributor-service no longer knows the contributor: nothing to restrict, the request completes with that note
        Person gone = contributor();
        String gonePath = "/internal/contributors/" + gone.id() + "/restriction";
        peers.stubFor(put(urlEqualTo(gonePath)).willReturn(Fixtures.problem(404, "No contributor with id " + gone.id())));
        String first = file(gone.subject(), "{\"type\":\"RESTRICTION\"}");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").when().post("/api/privacy/requests/" + first + "/approve")
                .then().statusCode(200);
        Fixtures.drain(worker::runDue);
        read(gone.subject(), first).body("status", equalTo("COMPLETED")).body("restrictionActive", equalTo(false))
                .body("history[-1].note", containsString("no longer knows"));

        // a refusal is final: rejected with the peer's reason, not retried
        Person refused = contributor();
        String refusedPath = "/internal/contributors/" + refused.id() + "/restriction";
        peers.stubFor(put(urlEqualTo(refusedPath)).willReturn(Fixtures.problem(400, "reason is too long")));
        String second = file(refused.subject(), "{\"type\":\"OBJECTION\"}");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").when().post("/api/privacy/requests/" + second + "/approve")
                .then().statusCode(200);
        Fixtures.drain(worker::runDue);
        Fixtures.later(clock, Duration.ofHours(2), () -> Fixtures.drain(worker::runDue));
        read(refused.subject(), second).body("status", equalTo("REJECTED")).body("rejectionReason", containsString("reason is too long"))
                .body("workPending", equalTo(false));
        peers.verify(1, putRequestedFor(urlEqualTo(refusedPath)));
        peers.verify(0, putRequestedFor(urlEqualTo("/internal/atoms/contributors/" + refused.id() + "/restriction")));
    }

    @Test
    void aNonContributorsRectificationIsAppliedToTheirLoginAccountWithoutKeepingTheNewValues() {
        String stranger = Fixtures.unique("stranger");
        String account = PeersResource.IDENTITY_PROVIDER_ADMIN + "/users/" + stranger;
        String id = file(stranger, "{\"type\":\"RECTIFICATION\",\"rectification\":{\"email\":\"stranger.new@example.org\"}}");
        Fixtures.drain(worker::runDue);
        String body = read(stranger, id).body("status", equalTo("COMPLETED")).body("details.rectifiedFields", equalTo(List.of("email")))
                .body("history[-1].note", containsString("login account at the identity provider"))
                .extract().asString();
        assertThat(body).doesNotContain("stranger.new@example.org");
        // the identity provider holds a non-contributor's email and names alone: the change goes there, and only the field asked
        peers.verify(1, putRequestedFor(urlEqualTo(account)).withRequestBody(equalToJson("{\"email\":\"stranger.new@example.org\"}"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));

        // the provider refusing it (the email belongs to another account) rejects the request with its reason
        String other = Fixtures.unique("stranger");
        peers.stubFor(put(urlEqualTo(PeersResource.IDENTITY_PROVIDER_ADMIN + "/users/" + other)).atPriority(1)
                .willReturn(Fixtures.json(409, "{\"errorMessage\":\"User exists with same email\"}")));
        String refused = file(other, "{\"type\":\"RECTIFICATION\",\"rectification\":{\"email\":\"taken@example.org\"}}");
        Fixtures.drain(worker::runDue);
        read(other, refused).body("status", equalTo("REJECTED")).body("rejectionReason", containsString("User exists with same email"));
    }

    /** Keycloak's representation of {@code subject}'s account and one session, as its admin API answers them. */
    void stubAccount(String subject, String email) {
        String account = PeersResource.IDENTITY_PROVIDER_ADMIN + "/users/" + subject;
        peers.stubFor(get(urlEqualTo(account)).atPriority(5).willReturn(Fixtures.json(200, """
                {"id":"%s","username":"zoe","firstName":"Zoë","lastName":"O'Brien-Núñez","email":"%s","emailVerified":true,
                 "enabled":true,"createdTimestamp":1767261600000,"totp":false,"requiredActions":["CONFIGURE_TOTP"],"notBefore":0,
                 "access":{"manage":true}}""".formatted(subject, email))));
        peers.stubFor(get(urlEqualTo(account + "/sessions")).atPriority(5).willReturn(Fixtures.json(200, """
                [{"id":"s1","username":"zoe","userId":"%s","ipAddress":"192.0.2.7","start":1767265200000,"lastAccess":1767265800000,
                  "rememberMe":false,"clients":{"4ddd3d76":"plugin-frontend"},"transientUser":false}]""".formatted(subject))));
    }

    @Test
    void accessShowsWhatTheIdentityProviderHoldsWithItsRegisterEntry() {
        Person p = contributor();
        stubAccount(p.subject(), p.accountName() + "@example.org");
        String id = file(p.subject(), "{\"type\":\"ACCESS\"}");
        Fixtures.drain(worker::runDue);
        given().auth().oauth2(TestTokens.user(p.subject())).when().get("/api/privacy/requests/" + id + "/export").then().statusCode(200)
                .body("identityProvider.holder", containsString("Keycloak"))
                .body("identityProvider.registeredAccount", equalTo(true))
                .body("identityProvider.account.username", equalTo("zoe"))
                .body("identityProvider.account.email", equalTo(p.accountName() + "@example.org"))
                .body("identityProvider.account.firstName", equalTo("Zoë"))
                .body("identityProvider.account.lastName", equalTo("O'Brien-Núñez"))
                .body("identityProvider.account.createdAt", equalTo("2026-01-01T10:00:00.000000Z"))
                .body("identityProvider.account.enabled", equalTo(true))
                .body("identityProvider.account.requiredActions", equalTo(List.of("CONFIGURE_TOTP")))
                .body("identityProvider.account.sessions[0].startedAt", equalTo("2026-01-01T11:00:00.000000Z"))
                .body("identityProvider.account.sessions[0].lastAccessAt", equalTo("2026-01-01T11:10:00.000000Z"))
                .body("identityProvider.account.sessions[0].clients", equalTo(List.of("plugin-frontend")))
                .body("identityProvider.account.sessions[0].ipAddress", equalTo("192.0.2.7"))
                .body("identityProvider.account", not(hasKey("access")))
                // the register: purpose, legal basis and retention of this holder, as the notice in force says them
                .body("processing.holders[0].holder", containsString("identity provider"))
                .body("processing.holders[0].purpose", equalTo(IdentityProvider.PURPOSE))
                .body("processing.holders[0].legalBasis", equalTo(IdentityProvider.LEGAL_BASIS))
                .body("processing.holders[0].retention", containsString("at most 1 month from the deactivation date"))
                .body("processing.purposes.purpose", hasItem(IdentityProvider.PURPOSE))
                .body("processing.purposes.legalBasis", hasItem(IdentityProvider.LEGAL_BASIS))
                .body("processing.retention", hasItem(containsString("login account at the identity provider is disabled at once")));
        peers.verify(getRequestedFor(urlEqualTo(PeersResource.IDENTITY_PROVIDER_ADMIN + "/users/" + p.subject()))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));

        // portability: what they gave for their login
        String portable = file(p.subject(), "{\"type\":\"PORTABILITY\"}");
        Fixtures.drain(worker::runDue);
        given().auth().oauth2(TestTokens.user(p.subject())).when().get("/api/privacy/requests/" + portable + "/export").then().statusCode(200)
                .body("loginAccount.username", equalTo("zoe")).body("loginAccount.email", equalTo(p.accountName() + "@example.org"))
                .body("loginAccount", not(hasKey("sessions")));
    }

    @Test
    void anAccessRequestWaitsForAnIdentityProviderThatIsDownAndSaysSoWhenThereIsNoAccount() {
        Person p = contributor();
        String account = PeersResource.IDENTITY_PROVIDER_ADMIN + "/users/" + p.subject();
        var down = peers.stubFor(get(urlEqualTo(account)).atPriority(1).willReturn(Fixtures.problem(503, "Keycloak is starting")));
        String id = file(p.subject(), "{\"type\":\"ACCESS\"}");
        Fixtures.drain(worker::runDue);
        read(p.subject(), id).body("status", equalTo("IN_PROGRESS")).body("lastError", containsString("identity-provider answered 503"));
        peers.removeStub(down);
        Fixtures.later(clock, Duration.ofMinutes(5), () -> Fixtures.drain(worker::runDue));
        read(p.subject(), id).body("status", equalTo("COMPLETED"));
        // no account there (the default of the stubs): the document says so
        given().auth().oauth2(TestTokens.user(p.subject())).when().get("/api/privacy/requests/" + id + "/export").then().statusCode(200)
                .body("identityProvider.registeredAccount", equalTo(false)).body("identityProvider.account", nullValue());
    }

    @Test
    void aRequestAnotherReplicaHoldsIsSkippedNotWaitedFor() throws Exception {
        Person p = contributor();
        String id = file(p.subject(), "{\"type\":\"ACCESS\"}");
        try (java.sql.Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("SELECT id FROM privacy_request WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, UUID.fromString(id));
                lock.executeQuery();
            }
            java.util.concurrent.CompletableFuture.runAsync(() -> Fixtures.drain(worker::runDue)).get(20, java.util.concurrent.TimeUnit.SECONDS);
            read(p.subject(), id).body("status", equalTo("IN_PROGRESS"));
            other.rollback();
        }
        Fixtures.drain(worker::runDue);
        read(p.subject(), id).body("status", equalTo("COMPLETED"));
        peers.verify(1, getRequestedFor(urlEqualTo("/internal/atoms/contributors/" + p.id() + "/personal-data")));
    }
}
