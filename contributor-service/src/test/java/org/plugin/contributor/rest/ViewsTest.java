package org.plugin.contributor.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.plugin.contributor.support.Api.BASE;
import static org.plugin.contributor.support.Api.INTERNAL;
import static org.plugin.contributor.support.Api.PROBLEM;
import static org.plugin.contributor.support.Api.as;
import static org.plugin.contributor.support.Api.db;
import static org.plugin.contributor.support.Api.emailReads;
import static org.plugin.contributor.support.Api.letters;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plugin.contributor.repository.EmailRead;
import org.plugin.contributor.support.Api;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * GET /api/contributors/{accountName}, /me and the directory: what each persona sees, and the
 * record of every admin read that returns an email.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class ViewsTest {

    static final List<String> PUBLIC_FIELDS = List.of("accountName", "firstName", "lastName", "since");

    static Map<String, Object> exportOf(Api.Registered c) {
        return as(Api.service()).when().get(INTERNAL + "/" + c.id() + "/personal-data")
                .then().statusCode(200).extract().jsonPath().getMap("$");
    }

    static long emailReadsOf(Api.Registered c) {
        return db(() -> emailReads().count("contributorId", c.id()));
    }

    @Nested
    class Anonymous {
        @Test
        void everyReadNeedsAToken() {
            for (String path : List.of(BASE, BASE + "/me", BASE + "/someone")) {
                given().when().get(path)
                        .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
            }
        }
    }

    @Nested
    class OtherRoles {
        @Test
        void serviceAndCiTokensCannotUseThePublicViews() {
            var c = Api.register("svc-view");
            for (String token : List.of(Api.service(), TestTokens.ci("ci-alice", c.accountName()))) {
                for (String path : List.of(BASE, BASE + "/me", BASE + "/" + c.accountName())) {
                    as(token).when().get(path).then().statusCode(403).contentType(PROBLEM)
                            .body("detail", org.hamcrest.Matchers.containsString("role"));
                }
            }
        }
    }

    @Nested
    class PublicView {
        @Test
        void anyUserSeesTheThreeNoticeFieldsAndNoEmail() {
            var c = Api.register("pub");
            var view = as(TestTokens.user("sub-" + Api.unique("reader"))).when().get(BASE + "/" + c.accountName())
                    .then().statusCode(200).extract().jsonPath();
            assertThat(view.getMap("$")).containsOnlyKeys(PUBLIC_FIELDS);
            assertThat(view.getString("accountName")).isEqualTo(c.accountName());
            assertThat(view.getString("firstName")).isEqualTo("Zoë");
            assertThat(view.getString("lastName")).isEqualTo("O'Brien-Núñez");
            assertThat(view.getString("since")).isNotBlank();
        }

        @Test
        void theContributorThemselfAndAnotherContributorSeeThePublicViewToo() {
            var c = Api.register("pub-self");
            var other = Api.register("pub-other");
            for (String token : List.of(c.token(), other.token())) {
                var view = as(token).when().get(BASE + "/" + c.accountName()).then().statusCode(200).extract().jsonPath();
                assertThat(view.getMap("$")).containsOnlyKeys(PUBLIC_FIELDS);
            }
            assertThat(emailReadsOf(c)).isZero();
        }

        @Test
        void lookupIgnoresCase() {
            var c = Api.register("case");
            as(c.token()).when().get(BASE + "/" + c.accountName().toUpperCase())
                    .then().statusCode(200).body("accountName", equalTo(c.accountName()));
        }

        @ParameterizedTest
        @ValueSource(strings = { "nobody-here", "x' OR '1'='1", "%25", "a%2Fb", "<script>", "ééé", "_" })
        void unknownOrHostileNamesAre404(String name) {
            as(TestTokens.user("sub-lookup")).when().get(BASE + "/" + name)
                    .then().statusCode(404).contentType(PROBLEM);
        }

        @ParameterizedTest
        @ValueSource(strings = { "%00", "zoe%00", "%FF", "%C3%28", "%3Cscript%3E", "%27%3B%20DROP%20TABLE%20contributor%3B--" })
        void rawHostilePathsAre404ForUsersAndAdmins(String raw) {
            for (String token : List.of(TestTokens.user("sub-lookup"), Api.admin())) {
                given().urlEncodingEnabled(false).auth().oauth2(token).when().get(BASE + "/" + raw)
                        .then().statusCode(404).contentType(PROBLEM);
            }
            given().urlEncodingEnabled(false).auth().oauth2(Api.admin()).contentType("application/json")
                    .body("{\"restricted\":true}").when().put(BASE + "/" + raw + "/restriction")
                    .then().statusCode(404).contentType(PROBLEM);
        }

        @ParameterizedTest
        @ValueSource(strings = { "%00", "%FF", "%C3%28", "a%0Ab" })
        void rawHostileSearchTermsAre400(String raw) {
            given().urlEncodingEnabled(false).auth().oauth2(TestTokens.user("sub-lookup")).when().get(BASE + "?q=" + raw)
                    .then().statusCode(400).contentType(PROBLEM).body("violations.field", org.hamcrest.Matchers.hasItem("q"));
        }

        @Test
        void aRestrictedContributorShowsNoNames() {
            var c = Api.register("pub-restricted");
            Api.restrict(c, true);
            as(TestTokens.user("sub-r")).when().get(BASE + "/" + c.accountName())
                    .then().statusCode(200)
                    .body("accountName", equalTo(c.accountName()))
                    .body("firstName", nullValue()).body("lastName", nullValue());
            Api.restrict(c, false);
            as(TestTokens.user("sub-r")).when().get(BASE + "/" + c.accountName())
                    .then().statusCode(200).body("firstName", equalTo("Zoë"));
        }

        @Test
        void aDeactivatedContributorIsGone() {
            var c = Api.register("pub-gone");
            Api.deactivate(c);
            as(TestTokens.user("sub-r")).when().get(BASE + "/" + c.accountName())
                    .then().statusCode(404).contentType(PROBLEM);
        }
    }

    @Nested
    class AdminView {
        @Test
        void adminSeesEmailStatusAndSubjectAndTheReadIsRecorded() {
            var c = Api.register("adm");
            String admin = "admin-" + Api.unique("dpo");
            as(TestTokens.admin(admin)).when().get(BASE + "/" + c.accountName())
                    .then().statusCode(200)
                    .body("id", equalTo(c.id().toString()))
                    .body("email", equalTo(c.email()))
                    .body("status", equalTo("ACTIVE"))
                    .body("subject", equalTo(c.subject()))
                    .body("firstName", equalTo("Zoë"));
            var reads = db(() -> emailReads().forContributor(c.id()));
            assertThat(reads).singleElement().satisfies(r -> {
                assertThat(r.readerSubject).isEqualTo(admin);
                assertThat(r.readerName).isEqualTo(admin);
                assertThat(r.context).isEqualTo(EmailRead.Context.PROFILE);
                assertThat(r.readAt).isNotNull();
            });
            // the log is part of the contributor's personal data
            var export = as(Api.service()).when().get(INTERNAL + "/" + c.id() + "/personal-data")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(export.getList("emailReads.readerSubject")).containsExactly(admin);
            assertThat(export.getList("emailReads.context")).containsExactly("PROFILE");
        }

        @Test
        void adminSeesRestrictedNamesAndDeactivatedContributors() {
            var c = Api.register("adm-deact");
            Api.restrict(c, true);
            Api.deactivate(c);
            as(Api.admin()).when().get(BASE + "/" + c.accountName())
                    .then().statusCode(200)
                    .body("status", equalTo("DEACTIVATED"))
                    .body("restricted", equalTo(true))
                    .body("firstName", equalTo("Zoë"))
                    .body("deactivatedAt", notNullValue())
                    .body("erasureDueAt", notNullValue());
            assertThat(emailReadsOf(c)).isOne();
        }

        @Test
        void unknownNameIs404AndNothingIsRecorded() {
            long before = db(() -> emailReads().count());
            as(Api.admin()).when().get(BASE + "/" + Api.unique("nobody"))
                    .then().statusCode(404).contentType(PROBLEM)
                    .body("detail", equalTo("No contributor with this account name"));
            // no test writes email reads concurrently: tests run one at a time, and the outbox sender writes none
            assertThat(db(() -> emailReads().count())).isEqualTo(before);
        }
    }

    @Nested
    class Me {
        @Test
        void theContributorSeesTheirWholeRecord() {
            var c = Api.register("me");
            as(c.token()).when().get(BASE + "/me")
                    .then().statusCode(200)
                    .body("id", equalTo(c.id().toString()))
                    .body("accountName", equalTo(c.accountName()))
                    .body("email", equalTo(c.email()))
                    .body("status", equalTo("ACTIVE"))
                    .body("restricted", equalTo(false))
                    .body("$", not(hasKey("subject")));
            assertThat(emailReadsOf(c)).isZero();
        }

        @Test
        void aUserWhoIsNotAContributorGets404() {
            as(TestTokens.user("sub-" + Api.unique("stranger"))).when().get(BASE + "/me")
                    .then().statusCode(404).contentType(PROBLEM)
                    .body("detail", equalTo("You are not registered as a contributor"));
            as(Api.admin()).when().get(BASE + "/me").then().statusCode(404);
        }

        @Test
        void aDeactivatedContributorStillSeesTheirRecordAndDeadline() {
            var c = Api.register("me-deact");
            Api.deactivate(c);
            as(c.token()).when().get(BASE + "/me")
                    .then().statusCode(200).body("status", equalTo("DEACTIVATED")).body("erasureDueAt", notNullValue());
        }
    }

    @Nested
    class Directory {
        /** Three contributors sharing a last name nobody else has; returned sorted by account name. */
        private List<Api.Registered> family(String lastName) {
            return List.of(Api.register("dir-c", "Carla", lastName), Api.register("dir-a", "Anna", lastName),
                    Api.register("dir-b", "Bert", lastName));
        }

        private static List<String> sortedNames(List<Api.Registered> cs) {
            return cs.stream().map(Api.Registered::accountName).sorted().toList();
        }

        @Test
        void searchesByNameAndPagesDeterministically() {
            String lastName = "Fam" + letters(10);
            var members = family(lastName);
            var expected = sortedNames(members);
            String token = TestTokens.user("sub-" + Api.unique("dir"));

            var first = as(token).queryParam("q", lastName.toUpperCase()).queryParam("limit", 2)
                    .when().get(BASE).then().statusCode(200).extract().jsonPath();
            assertThat(first.getInt("total")).isEqualTo(3);
            assertThat(first.getInt("nextOffset")).isEqualTo(2);
            assertThat(first.getList("items.accountName")).containsExactlyElementsOf(expected.subList(0, 2));
            for (Map<String, Object> item : first.<Map<String, Object>>getList("items")) {
                assertThat(item).containsOnlyKeys(PUBLIC_FIELDS);
            }

            as(token).queryParam("q", lastName).queryParam("limit", 2).queryParam("offset", 2)
                    .when().get(BASE).then().statusCode(200)
                    .body("total", equalTo(3))
                    .body("items.accountName", contains(expected.get(2)))
                    .body("nextOffset", nullValue());
        }

        @Test
        void searchesByAccountNameAndFirstName() {
            String lastName = "Fam" + letters(10);
            var members = family(lastName);
            String token = TestTokens.user("sub-" + Api.unique("dir"));
            String someAccount = members.get(0).accountName();
            as(token).queryParam("q", someAccount).when().get(BASE).then().statusCode(200)
                    .body("items.accountName", contains(someAccount));
            String firstName = "Uniq" + letters(8);
            var single = Api.register("dir-first", firstName, "Doe");
            as(token).queryParam("q", firstName.substring(2)).when().get(BASE).then().statusCode(200)
                    .body("items.accountName", contains(single.accountName()));
        }

        @Test
        void sortsAccountNamesByCharacterNotByLocale() {
            // a locale collation ignores hyphens and would put "xc" before "x-z"; the directory must not
            String base = "srt" + letters(10);
            for (String name : List.of(base + "c", base + "-z", base + "-a")) {
                as(TestTokens.user("sub-" + name)).body(Api.registration(name, "Sam", "Sort", name + "@example.org"))
                        .when().post(BASE).then().statusCode(201);
            }
            as(TestTokens.user("sub-dir")).queryParam("q", base).when().get(BASE).then().statusCode(200)
                    .body("items.accountName", contains(base + "-a", base + "-z", base + "c"));
        }

        @Test
        void withoutSearchListsActiveContributorsSorted() {
            Api.register("dir-any");
            var page = as(TestTokens.user("sub-dir")).queryParam("limit", 100).when().get(BASE)
                    .then().statusCode(200).extract().jsonPath();
            List<String> names = page.getList("items.accountName");
            assertThat(names).isNotEmpty().isSorted();
            assertThat(page.getInt("total")).isGreaterThanOrEqualTo(names.size());
        }

        @Test
        void deactivatedContributorsAreNotListedAndRestrictedOnesShowNoNames() {
            String lastName = "Fam" + letters(10);
            var members = family(lastName);
            Api.deactivate(members.get(0));
            String token = TestTokens.user("sub-" + Api.unique("dir"));
            // restricted: their names are not searched and not shown; their account name still is
            Api.restrict(members.get(1), true);
            as(token).queryParam("q", lastName).when().get(BASE).then().statusCode(200)
                    .body("total", equalTo(1))
                    .body("items.accountName", contains(members.get(2).accountName()));
            as(token).queryParam("q", members.get(1).accountName()).when().get(BASE).then().statusCode(200)
                    .body("items.accountName", contains(members.get(1).accountName()))
                    .body("items[0].firstName", nullValue())
                    .body("items[0].lastName", nullValue());
            as(token).queryParam("q", members.get(0).accountName()).when().get(BASE).then().statusCode(200)
                    .body("total", equalTo(0)).body("items", empty());
        }

        @Test
        void searchTermsAreLiteralNotPatterns() {
            String token = TestTokens.user("sub-" + Api.unique("dir"));
            Api.register("dir-lit");
            for (String q : List.of("%", "_", "\\", "' OR '1'='1", "%' --")) {
                as(token).queryParam("q", q).when().get(BASE).then().statusCode(200)
                        .body("total", equalTo(0)).body("items", empty());
            }
        }

        @Test
        void badParametersAre400() {
            String token = TestTokens.user("sub-" + Api.unique("dir"));
            as(token).queryParam("q", "<script>").when().get(BASE).then().statusCode(400).contentType(PROBLEM);
            as(token).queryParam("q", "a".repeat(101)).when().get(BASE).then().statusCode(400).contentType(PROBLEM);
            as(token).queryParam("q", "a\u0000b").when().get(BASE).then().statusCode(400).contentType(PROBLEM);
            as(token).queryParam("limit", 0).when().get(BASE).then().statusCode(400).contentType(PROBLEM);
            as(token).queryParam("limit", 101).when().get(BASE).then().statusCode(400).contentType(PROBLEM);
            as(token).queryParam("offset", -1).when().get(BASE).then().statusCode(400).contentType(PROBLEM);
            as(token).queryParam("limit", "abc").when().get(BASE).then().statusCode(400).contentType(PROBLEM)
                    .body("violations.field", org.hamcrest.Matchers.hasItem("limit"));
            as(token).queryParam("offset", "1e3").when().get(BASE).then().statusCode(400).contentType(PROBLEM);
            as(Api.admin()).queryParam("status", "SLEEPING").when().get(BASE).then().statusCode(400).contentType(PROBLEM);
        }

        @Test
        void onlyAdminsListOtherStatuses() {
            String lastName = "Fam" + letters(10);
            var members = family(lastName);
            Api.deactivate(members.get(0));
            as(TestTokens.user("sub-dir")).queryParam("status", "DEACTIVATED").when().get(BASE)
                    .then().statusCode(403).contentType(PROBLEM);
            as(Api.admin()).queryParam("status", "DEACTIVATED").queryParam("q", lastName).when().get(BASE)
                    .then().statusCode(200)
                    .body("items.accountName", contains(members.get(0).accountName()))
                    .body("items[0].status", equalTo("DEACTIVATED"));
        }

        @Test
        void adminsSeeEmailsAndEachReturnedEmailIsRecorded() {
            String lastName = "Fam" + letters(10);
            var members = family(lastName);
            Api.restrict(members.get(0), true);
            String admin = "admin-" + Api.unique("dpo");
            as(TestTokens.admin(admin)).queryParam("q", lastName).when().get(BASE)
                    .then().statusCode(200)
                    .body("total", equalTo(3))
                    .body("items.email", containsInAnyOrder(members.stream().map(Api.Registered::email).toArray()))
                    .body("items.lastName", everyItem(equalTo(lastName)));
            for (var m : members) {
                var reads = db(() -> emailReads().forContributor(m.id()));
                assertThat(reads).singleElement().satisfies(r -> {
                    assertThat(r.readerSubject).isEqualTo(admin);
                    assertThat(r.context).isEqualTo(EmailRead.Context.DIRECTORY);
                });
            }
            // admins can also find a contributor by email
            as(Api.admin()).queryParam("q", members.get(1).email()).when().get(BASE)
                    .then().statusCode(200).body("items.accountName", contains(members.get(1).accountName()));
        }

        @Test
        void usersReadsAreNotRecorded() {
            String lastName = "Fam" + letters(10);
            var members = family(lastName);
            as(members.get(0).token()).queryParam("q", lastName).when().get(BASE).then().statusCode(200);
            for (var m : members) {
                assertThat(emailReadsOf(m)).isZero();
            }
            JsonPath export = as(Api.service()).when().get(INTERNAL + "/" + members.get(1).id() + "/personal-data")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(export.getList("emailReads")).isEmpty();
        }
    }
}
