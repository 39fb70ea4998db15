package org.plugin.contributor.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.plugin.contributor.support.Api.BASE;
import static org.plugin.contributor.support.Api.INTERNAL;
import static org.plugin.contributor.support.Api.PROBLEM;
import static org.plugin.contributor.support.Api.as;
import static org.plugin.contributor.support.Api.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.contributor.repository.RectificationAudit;
import org.plugin.contributor.service.PersonalDataService;
import org.plugin.contributor.support.Api;
import org.plugin.testing.InternalDocumentContract;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The internal API of docs/internal-api.md, for the service role only. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class InternalApiTest {

    @Nested
    class Names {
        @Test
        void publicNamesForABatchInTheOrderAsked() {
            var active = Api.register("names-a");
            var restricted = Api.register("names-r");
            var deactivated = Api.register("names-d");
            Api.restrict(restricted, true);
            Api.deactivate(deactivated);
            var unknown = UUID.randomUUID();
            var answer = as(Api.service())
                    .body(Map.of("ids", List.of(deactivated.id(), unknown, active.id(), restricted.id(), active.id())))
                    .when().post(INTERNAL + "/names")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getList("contributors.id")).containsExactly(
                    deactivated.id().toString(), active.id().toString(), restricted.id().toString());
            assertThat(answer.getMap("contributors[0]")).containsOnlyKeys("id", "accountName", "firstName", "lastName", "status", "restricted");
            assertThat(answer.getString("contributors[0].accountName")).isNull();
            assertThat(answer.getString("contributors[0].status")).isEqualTo("DEACTIVATED");
            assertThat(answer.getString("contributors[1].accountName")).isEqualTo(active.accountName());
            assertThat(answer.getString("contributors[1].firstName")).isEqualTo("Zoë");
            assertThat(answer.getString("contributors[1].lastName")).isEqualTo("O'Brien-Núñez");
            assertThat(answer.getString("contributors[1].status")).isEqualTo("ACTIVE");
            assertThat(answer.getString("contributors[2].accountName")).isEqualTo(restricted.accountName());
            assertThat(answer.getString("contributors[2].firstName")).isNull();
            assertThat(answer.getBoolean("contributors[2].restricted")).isTrue();
            assertThat(answer.getString("$")).doesNotContain("@example.org");
        }

        @Test
        void onlyUnknownIdsGiveAnEmptyList() {
            as(Api.service()).body(Map.of("ids", List.of(UUID.randomUUID()))).when().post(INTERNAL + "/names")
                    .then().statusCode(200).body("contributors", empty());
        }

        @Test
        void aBatchHasOneTo200Ids() {
            var ids = new ArrayList<UUID>();
            for (int i = 0; i < 201; i++) {
                ids.add(UUID.randomUUID());
            }
            as(Api.service()).body(Map.of("ids", ids.subList(0, 200))).when().post(INTERNAL + "/names").then().statusCode(200);
            as(Api.service()).body(Map.of("ids", ids)).when().post(INTERNAL + "/names")
                    .then().statusCode(400).contentType(PROBLEM).body("violations.field", hasItem("ids"));
            as(Api.service()).body(Map.of("ids", List.of())).when().post(INTERNAL + "/names")
                    .then().statusCode(400).contentType(PROBLEM);
            as(Api.service()).body("{}").when().post(INTERNAL + "/names").then().statusCode(400).contentType(PROBLEM);
            as(Api.service()).body("{\"ids\":[null]}").when().post(INTERNAL + "/names").then().statusCode(400).contentType(PROBLEM);
            as(Api.service()).body("{\"ids\":[\"not-a-uuid\"]}").when().post(INTERNAL + "/names")
                    .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("UUID"));
            as(Api.service()).body("{\"ids\":\"x\"}").when().post(INTERNAL + "/names").then().statusCode(400).contentType(PROBLEM);
            as(Api.service()).body("{\"ids\":[],\"all\":true}").when().post(INTERNAL + "/names").then().statusCode(400).contentType(PROBLEM);
        }
    }

    @Nested
    class Resolve {
        @Test
        void bySubjectAndByAccountName() {
            var c = Api.register("resolve");
            for (var query : List.of(Map.of("subject", c.subject()), Map.of("accountName", c.accountName()),
                    Map.of("accountName", c.accountName().toUpperCase()))) {
                var answer = as(Api.service()).queryParams(query).when().get(INTERNAL + "/resolve")
                        .then().statusCode(200).extract().jsonPath();
                assertThat(answer.getMap("$")).containsOnlyKeys("id", "accountName", "status", "restricted");
                assertThat(answer.getString("id")).isEqualTo(c.id().toString());
                assertThat(answer.getString("accountName")).isEqualTo(c.accountName());
                assertThat(answer.getString("status")).isEqualTo("ACTIVE");
                assertThat(answer.getBoolean("restricted")).isFalse();
            }
        }

        @Test
        void byIdAnswersTheLoginSubjectWhichTheErasureForgets() {
            var c = Api.register("resolve-id");
            var answer = as(Api.service()).queryParam("id", c.id().toString()).when().get(INTERNAL + "/resolve")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(answer.getMap("$")).containsOnlyKeys("id", "accountName", "status", "restricted", "subject");
            assertThat(answer.getString("id")).isEqualTo(c.id().toString());
            assertThat(answer.getString("subject")).isEqualTo(c.subject());

            as(Api.service()).when().post(INTERNAL + "/" + c.id() + "/erasure").then().statusCode(200);
            var erased = as(Api.service()).queryParam("id", c.id().toString()).when().get(INTERNAL + "/resolve")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(erased.getString("status")).isEqualTo("ERASED");
            assertThat(erased.getMap("$")).doesNotContainKey("subject");

            as(Api.service()).queryParam("id", UUID.randomUUID().toString()).when().get(INTERNAL + "/resolve")
                    .then().statusCode(404).contentType(PROBLEM);
            as(Api.service()).queryParam("id", "not-a-uuid").when().get(INTERNAL + "/resolve")
                    .then().statusCode(400).contentType(PROBLEM);
            as(Api.service()).queryParam("id", c.id().toString()).queryParam("subject", c.subject()).when().get(INTERNAL + "/resolve")
                    .then().statusCode(400).contentType(PROBLEM);
            // only the service role: the other callers of the personas below are refused here too
            given().queryParam("id", c.id().toString()).when().get(INTERNAL + "/resolve").then().statusCode(401).contentType(PROBLEM);
            as(Api.admin()).queryParam("id", c.id().toString()).when().get(INTERNAL + "/resolve").then().statusCode(403).contentType(PROBLEM);
        }

        @Test
        void unknownIs404AndAmbiguousOrMissingQueryIs400() {
            as(Api.service()).queryParam("subject", "nobody-" + UUID.randomUUID()).when().get(INTERNAL + "/resolve")
                    .then().statusCode(404).contentType(PROBLEM);
            as(Api.service()).queryParam("accountName", "x' OR '1'='1").when().get(INTERNAL + "/resolve")
                    .then().statusCode(404).contentType(PROBLEM);
            for (String raw : List.of("subject=a%00b", "accountName=a%00b", "accountName=%FF", "subject=%C3%28")) {
                given().urlEncodingEnabled(false).auth().oauth2(Api.service()).when().get(INTERNAL + "/resolve?" + raw)
                        .then().statusCode(404).contentType(PROBLEM);
            }
            as(Api.service()).when().get(INTERNAL + "/resolve").then().statusCode(400).contentType(PROBLEM);
            as(Api.service()).queryParam("subject", "a").queryParam("accountName", "b").when().get(INTERNAL + "/resolve")
                    .then().statusCode(400).contentType(PROBLEM);
            as(Api.service()).queryParam("subject", "s".repeat(300)).when().get(INTERNAL + "/resolve")
                    .then().statusCode(400).contentType(PROBLEM);
        }
    }

    @Nested
    class PersonalDataExport {
        @Test
        void containsProfileRestrictionAuditAndEmailReads() {
            var c = Api.register("export");
            as(c.token()).body(Map.of("lastName", "Martin")).when().patch(BASE + "/me").then().statusCode(200);
            String admin = "admin-" + Api.unique("dpo");
            as(TestTokens.admin(admin)).when().get(BASE + "/" + c.accountName()).then().statusCode(200);

            var export = as(Api.service()).when().get(INTERNAL + "/" + c.id() + "/personal-data")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(export.getString("profile.id")).isEqualTo(c.id().toString());
            assertThat(export.getString("profile.subject")).isEqualTo(c.subject());
            assertThat(export.getString("profile.accountName")).isEqualTo(c.accountName());
            assertThat(export.getString("profile.firstName")).isEqualTo("Zoë");
            assertThat(export.getString("profile.lastName")).isEqualTo("Martin");
            assertThat(export.getString("profile.email")).isEqualTo(c.email());
            assertThat(export.getString("profile.status")).isEqualTo("ACTIVE");
            assertThat(export.getString("profile.registeredAt")).isNotBlank();
            assertThat(export.getBoolean("restriction.restricted")).isFalse();
            assertThat(export.getList("rectifications.field")).containsExactly("lastName");
            assertThat(export.getList("rectifications.actorType")).containsExactly("CONTRIBUTOR");
            assertThat(export.getList("emailReads.readerSubject")).containsExactly(admin);
            assertThat(export.getString("exportedAt")).isNotBlank();
        }

        @Test
        void unknownOrMalformedIdIs404() {
            as(Api.service()).when().get(INTERNAL + "/" + UUID.randomUUID() + "/personal-data")
                    .then().statusCode(404).contentType(PROBLEM);
            as(Api.service()).when().get(INTERNAL + "/1%27%20OR%201=1/personal-data")
                    .then().statusCode(404).contentType(PROBLEM);
        }
    }

    @Nested
    class RectificationOnRequest {
        @Test
        void appliesAndAuditsThePrivacyServiceAsActor() {
            var c = Api.register("int-rect");
            String email = Api.unique("fixed") + "@example.org";
            as(Api.service()).body(Map.of("firstName", "Chloé", "email", email)).when().patch(INTERNAL + "/" + c.id())
                    .then().statusCode(200).body("firstName", equalTo("Chloé")).body("email", equalTo(email));
            var audit = db(() -> Api.rectifications().forContributor(c.id()));
            assertThat(audit).extracting(a -> a.field).containsExactlyInAnyOrder("firstName", "email");
            assertThat(audit).allSatisfy(a -> {
                assertThat(a.actorType).isEqualTo(RectificationAudit.ActorType.PRIVACY_REQUEST);
                assertThat(a.actor).isEqualTo("privacy-service");
            });
            // repeating it changes nothing
            as(Api.service()).body(Map.of("firstName", "Chloé", "email", email)).when().patch(INTERNAL + "/" + c.id())
                    .then().statusCode(200);
            assertThat(db(() -> Api.rectifications().count("contributorId", c.id()))).isEqualTo(2);
        }

        @Test
        void appliesToADeactivatedContributorButNotToAnErasedOne() {
            var c = Api.register("int-rect-d");
            Api.deactivate(c);
            as(Api.service()).body(Map.of("lastName", "Durand")).when().patch(INTERNAL + "/" + c.id())
                    .then().statusCode(200).body("lastName", equalTo("Durand"));
            as(Api.service()).when().post(INTERNAL + "/" + c.id() + "/erasure").then().statusCode(200);
            as(Api.service()).body(Map.of("lastName", "Again")).when().patch(INTERNAL + "/" + c.id())
                    .then().statusCode(409).contentType(PROBLEM);
        }

        @Test
        void sameValidationAndConflictsAsTheContributorsOwn() {
            var c = Api.register("int-rect-v");
            var other = Api.register("int-rect-o");
            as(Api.service()).body(Map.of("firstName", "<b>x</b>")).when().patch(INTERNAL + "/" + c.id())
                    .then().statusCode(400).contentType(PROBLEM).body("violations.field", hasItem("firstName"));
            as(Api.service()).body(Map.of("email", other.email())).when().patch(INTERNAL + "/" + c.id())
                    .then().statusCode(409).contentType(PROBLEM);
            as(Api.service()).body("{}").when().patch(INTERNAL + "/" + c.id()).then().statusCode(400).contentType(PROBLEM);
            as(Api.service()).body("{\"accountName\":\"renamed\"}").when().patch(INTERNAL + "/" + c.id())
                    .then().statusCode(400).contentType(PROBLEM);
            as(Api.service()).body(Map.of("firstName", "Ann")).when().patch(INTERNAL + "/" + UUID.randomUUID())
                    .then().statusCode(404).contentType(PROBLEM);
            as(c.token()).when().get(BASE + "/me").then().body("firstName", equalTo("Zoë")).body("email", equalTo(c.email()));
        }
    }

    @Nested
    class Erasure {
        @Test
        void leavesOnlyANonPersonalStubAndIsIdempotent() {
            var c = Api.register("erase");
            as(c.token()).body(Map.of("lastName", "Martin")).when().patch(BASE + "/me").then().statusCode(200);
            as(Api.admin()).when().get(BASE + "/" + c.accountName()).then().statusCode(200);
            Api.restrict(c, true);
            Api.deactivate(c);

            JsonPath first = as(Api.service()).when().post(INTERNAL + "/" + c.id() + "/erasure")
                    .then().statusCode(200)
                    .body("id", equalTo(c.id().toString()))
                    .body("status", equalTo("ERASED"))
                    .body("erasedAt", notNullValue())
                    .extract().jsonPath();
            JsonPath second = as(Api.service()).when().post(INTERNAL + "/" + c.id() + "/erasure")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(second.getMap("$")).isEqualTo(first.getMap("$"));

            // the stub: id, status, dates; nothing personal, no audit rows about them
            var row = db(() -> Api.contributors().findById(c.id()));
            assertThat(row.subject).isNull();
            assertThat(row.accountName).isNull();
            assertThat(row.firstName).isNull();
            assertThat(row.lastName).isNull();
            assertThat(row.email).isNull();
            assertThat(row.restricted).isFalse();
            assertThat(row.restrictionReason).isNull();
            assertThat(row.restrictionChangedBy).isNull();
            assertThat(row.createdAt).isNotNull();
            assertThat(row.deactivatedAt).isNotNull();
            assertThat(row.erasedAt).isNotNull();
            assertThat(db(() -> Api.rectifications().count("contributorId", c.id()))).isZero();
            assertThat(db(() -> Api.emailReads().count("contributorId", c.id()))).isZero();

            var export = as(Api.service()).when().get(INTERNAL + "/" + c.id() + "/personal-data")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(export.getString("profile.status")).isEqualTo("ERASED");
            assertThat(export.getList("rectifications")).isEmpty();
            assertThat(export.getList("emailReads")).isEmpty();
            assertThat(export.prettify()).doesNotContain(c.accountName()).doesNotContain("Zoë").doesNotContain("Martin");

            as(TestTokens.user("sub-reader")).when().get(BASE + "/" + c.accountName()).then().statusCode(404);
            as(Api.admin()).when().get(BASE + "/" + c.accountName()).then().statusCode(404);
            as(Api.service()).queryParam("subject", c.subject()).when().get(INTERNAL + "/resolve").then().statusCode(404);
            as(Api.service()).body(Map.of("ids", List.of(c.id()))).when().post(INTERNAL + "/names")
                    .then().statusCode(200)
                    .body("contributors[0].status", equalTo("ERASED"))
                    .body("contributors[0].accountName", nullValue())
                    .body("contributors[0].firstName", nullValue());
            as(Api.admin()).queryParam("status", "ERASED").queryParam("limit", 100).when().get(BASE)
                    .then().statusCode(200).body("items.email", org.hamcrest.Matchers.everyItem(nullValue()));
        }

        @Test
        void theAccountNameEmailAndSubjectAreFreeAgain() {
            var c = Api.register("erase-free");
            as(Api.service()).when().post(INTERNAL + "/" + c.id() + "/erasure").then().statusCode(200);
            as(c.token()).body(Api.registration(c.accountName(), "Zoë", "Doe", c.email())).when().post(BASE)
                    .then().statusCode(201).body("id", org.hamcrest.Matchers.not(equalTo(c.id().toString())));
        }

        @Test
        void anAdminReadDuringAnErasureWaitsForItAndLeavesNoEmailReadBehind() throws Exception {
            var c = Api.register("erase-race");
            var internal = Arc.container().instance(PersonalDataService.class).get();
            var pool = Executors.newFixedThreadPool(3);
            try {
                var erased = new CountDownLatch(1);
                var commit = new CountDownLatch(1);
                Future<?> erasure = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                    internal.erase(c.id()); // joins this transaction: done, not committed yet, the row locked
                    erased.countDown();
                    try {
                        commit.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                assertThat(erased.await(30, TimeUnit.SECONDS)).isTrue();
                String admin = Api.admin();
                Future<Integer> profile = pool.submit(() -> as(admin).when().get(BASE + "/" + c.accountName())
                        .then().extract().statusCode());
                Future<JsonPath> directory = pool.submit(() -> as(admin).queryParam("q", c.accountName()).when().get(BASE)
                        .then().statusCode(200).extract().jsonPath());
                Api.awaitTrue("both admin reads wait for the erasure", () -> Api.sessionsWaitingOnALock() >= 2);
                commit.countDown();
                erasure.get(30, TimeUnit.SECONDS);

                assertThat(profile.get(30, TimeUnit.SECONDS)).isEqualTo(404);
                var page = directory.get(30, TimeUnit.SECONDS);
                assertThat(page.getList("items")).isEmpty();
                assertThat(page.prettify()).doesNotContain(c.email());
                assertThat(db(() -> Api.emailReads().count("contributorId", c.id()))).isZero();
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void anUnknownIdAnswers200WithNothingToErase() {
            var id = UUID.randomUUID();
            as(Api.service()).when().post(INTERNAL + "/" + id + "/erasure")
                    .then().statusCode(200).body("id", equalTo(id.toString())).body("status", equalTo("ERASED"));
            assertThat(db(() -> Api.contributors().findById(id))).isNull();
        }
    }

    @Nested
    class Personas {
        private List<String[]> internalCalls(Api.Registered c) {
            return List.of(
                    new String[] { "POST", INTERNAL + "/names", "{\"ids\":[\"" + c.id() + "\"]}" },
                    new String[] { "GET", INTERNAL + "/resolve?subject=" + c.subject(), null },
                    new String[] { "GET", INTERNAL + "/resolve?accountName=" + c.accountName(), null },
                    new String[] { "GET", INTERNAL + "/" + c.id() + "/personal-data", null },
                    new String[] { "PATCH", INTERNAL + "/" + c.id(), "{\"firstName\":\"Mallory\"}" },
                    new String[] { "PUT", INTERNAL + "/" + c.id() + "/restriction", "{\"restricted\":true}" },
                    new String[] { "POST", INTERNAL + "/" + c.id() + "/erasure", null });
        }

        @Test
        void anonymousIs401AndUsersContributorsAdminsAndCiAre403() {
            var c = Api.register("int-deny");
            var other = Api.register("int-deny-o");
            for (String[] call : internalCalls(c)) {
                var anonymous = given().contentType(ContentType.JSON);
                if (call[2] != null) {
                    anonymous.body(call[2]);
                }
                anonymous.when().request(call[0], call[1]).then().statusCode(401).contentType(PROBLEM);
                for (String token : List.of(TestTokens.user("sub-plain"), c.token(), other.token(), Api.admin(),
                        TestTokens.ci("ci-alice", c.accountName()))) {
                    var request = as(token);
                    if (call[2] != null) {
                        request.body(call[2]);
                    }
                    request.when().request(call[0], call[1]).then().statusCode(403).contentType(PROBLEM);
                }
            }
            // nothing happened
            as(c.token()).when().get(BASE + "/me").then().statusCode(200)
                    .body("firstName", equalTo("Zoë")).body("status", equalTo("ACTIVE")).body("restricted", equalTo(false));
        }

        @Test
        void theClockCanOnlyBeMovedByAdminsAndServices() {
            given().when().get("/internal/clock").then().statusCode(401);
            as(TestTokens.user("sub-x")).when().get("/internal/clock").then().statusCode(403);
            as(Api.service()).when().get("/internal/clock").then().statusCode(200).body("now", notNullValue());
        }
    }

    /** Every operation and every status it can answer, as the OpenAPI document must state them. */
    static final Map<String, List<String>> DOCUMENTED = Map.ofEntries(
            Map.entry("post " + BASE, List.of("201", "400", "401", "403", "406", "409", "413", "415", "422")),
            Map.entry("get " + BASE, List.of("200", "400", "401", "403", "406")),
            Map.entry("get " + BASE + "/me", List.of("200", "401", "403", "404", "406")),
            Map.entry("patch " + BASE + "/me", List.of("200", "400", "401", "403", "404", "406", "409", "413", "415")),
            Map.entry("delete " + BASE + "/me", List.of("200", "401", "403", "404", "406")),
            Map.entry("post " + BASE + "/me/deactivation", List.of("200", "401", "403", "404", "406")),
            Map.entry("get " + BASE + "/{accountName}", List.of("200", "401", "403", "404", "406")),
            Map.entry("put " + BASE + "/{accountName}/restriction", List.of("200", "400", "401", "403", "404", "406", "413", "415")),
            Map.entry("post " + INTERNAL + "/names", List.of("200", "400", "401", "403", "406", "413", "415")),
            Map.entry("get " + INTERNAL + "/resolve", List.of("200", "400", "401", "403", "404", "406")),
            Map.entry("get " + INTERNAL + "/{id}/personal-data", List.of("200", "401", "403", "404", "406")),
            Map.entry("patch " + INTERNAL + "/{id}", List.of("200", "400", "401", "403", "404", "406", "409", "413", "415")),
            Map.entry("put " + INTERNAL + "/{id}/restriction", List.of("200", "400", "401", "403", "404", "406", "413", "415")),
            Map.entry("post " + INTERNAL + "/{id}/erasure", List.of("200", "401", "403", "404", "406")));

    @Test
    void theOpenApiDocumentDescribesEveryOperationAndEveryStatus() {
        var doc = given().accept("application/json").when().get(BASE + "/openapi")
                .then().statusCode(200).extract().jsonPath();
        // the internal operations are in the internal document, which the service serves itself
        var internal = InternalDocumentContract.internalDocument();
        Map<String, Map<String, Map<String, Object>>> paths = new java.util.HashMap<>(doc.getMap("paths"));
        paths.putAll(internal.getMap("paths"));
        var found = new java.util.HashMap<String, List<String>>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!path.startsWith(BASE + "/") && !path.equals(BASE) && !path.startsWith(INTERNAL)) {
                return;
            }
            String name = method + " " + path;
            assertThat(operation).as(name).containsKey("summary");
            assertThat(operation.get("security")).as(name + " names the bearer scheme").asString().contains("bearer");
            @SuppressWarnings("unchecked")
            var responses = (Map<String, Map<String, Object>>) operation.get("responses");
            found.put(name, responses.keySet().stream().sorted().toList());
            responses.forEach((status, response) -> assertThat(response).as(name + " " + status).containsKey("description"));
            if (status2xx(responses)) {
                var ok = responses.entrySet().stream().filter(e -> e.getKey().startsWith("2")).findFirst().orElseThrow().getValue();
                assertThat(ok).as(name + ": the success answer has a schema").containsKey("content");
            }
            if (operation.containsKey("requestBody")) {
                assertThat(responses).as(name + " takes a body").containsKeys("400", "413", "415");
            }
        }));
        assertThat(found).isEqualTo(DOCUMENTED);
        assertThat(doc.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
        assertThat(internal.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
        given().when().get(BASE + "/swagger-ui/").then().statusCode(200);
    }

    private static boolean status2xx(Map<String, ?> responses) {
        return responses.keySet().stream().anyMatch(s -> s.startsWith("2"));
    }

    @Test
    void healthAndMetricsAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"))
                .body(containsString("plugin_outbox_pending"));
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigins() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .when().options(BASE)
                .then().header("Access-Control-Allow-Origin", "http://localhost:3000");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .when().options(BASE)
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void unknownRoutesAndMethodsAreProblems() {
        as(Api.service()).when().get(INTERNAL + "/nothing/here/at-all").then().statusCode(404).contentType(PROBLEM);
        as(TestTokens.user("sub-x")).when().put(BASE + "/me").then().statusCode(405).contentType(PROBLEM);
        as(TestTokens.user("sub-x")).accept("application/xml").when().get(BASE + "/me").then().statusCode(406).contentType(PROBLEM);
    }
}
