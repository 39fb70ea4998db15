package org.plugin.contributor.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.plugin.contributor.support.Api.BASE;
import static org.plugin.contributor.support.Api.INTERNAL;
import static org.plugin.contributor.support.Api.PROBLEM;
import static org.plugin.contributor.support.Api.as;
import static org.plugin.contributor.support.Api.db;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.contributor.support.Api;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The restriction flag: set and lifted by admins (PUT /api/contributors/{accountName}/restriction)
 * or privacy-service (PUT /internal/contributors/{id}/restriction), and what it hides.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class RestrictionTest {

    static String adminPath(Api.Registered c) {
        return BASE + "/" + c.accountName() + "/restriction";
    }

    static String internalPath(Api.Registered c) {
        return INTERNAL + "/" + c.id() + "/restriction";
    }

    static Map<String, Object> restrict(boolean on) {
        return Map.of("restricted", on, "reason", "privacy request PR-42");
    }

    static void namesAreHidden(Api.Registered c) {
        as(TestTokens.user("sub-reader")).when().get(BASE + "/" + c.accountName())
                .then().statusCode(200).body("accountName", equalTo(c.accountName()))
                .body("firstName", nullValue()).body("lastName", nullValue());
        as(Api.service()).body(Map.of("ids", List.of(c.id()))).when().post(INTERNAL + "/names")
                .then().statusCode(200)
                .body("contributors[0].accountName", equalTo(c.accountName()))
                .body("contributors[0].firstName", nullValue())
                .body("contributors[0].lastName", nullValue())
                .body("contributors[0].restricted", equalTo(true));
        as(Api.service()).queryParam("accountName", c.accountName()).when().get(INTERNAL + "/resolve")
                .then().statusCode(200).body("restricted", equalTo(true));
    }

    static void namesAreShown(Api.Registered c) {
        as(TestTokens.user("sub-reader")).when().get(BASE + "/" + c.accountName())
                .then().statusCode(200).body("firstName", equalTo(c.firstName())).body("lastName", equalTo(c.lastName()));
        as(Api.service()).body(Map.of("ids", List.of(c.id()))).when().post(INTERNAL + "/names")
                .then().statusCode(200).body("contributors[0].firstName", equalTo(c.firstName()))
                .body("contributors[0].restricted", equalTo(false));
    }

    @Nested
    class ByAdmins {
        @Test
        void anonymousIs401() {
            var c = Api.register("restr-anon");
            given().contentType(ContentType.JSON).body(restrict(true)).when().put(adminPath(c))
                    .then().statusCode(401).contentType(PROBLEM);
            namesAreShown(c);
        }

        @Test
        void usersTheContributorThemselfServicesAndCiAre403() {
            var c = Api.register("restr-deny");
            var other = Api.register("restr-deny-o");
            for (String token : List.of(TestTokens.user("sub-plain"), c.token(), other.token(), Api.service(),
                    TestTokens.ci("ci-x", c.accountName()))) {
                as(token).body(restrict(true)).when().put(adminPath(c)).then().statusCode(403).contentType(PROBLEM);
            }
            namesAreShown(c);
        }

        @Test
        void anAdminRestrictsAndLifts() {
            var c = Api.register("restr-adm");
            String admin = "admin-" + Api.unique("dpo");
            as(TestTokens.admin(admin)).body(restrict(true)).when().put(adminPath(c))
                    .then().statusCode(200)
                    .body("id", equalTo(c.id().toString()))
                    .body("restricted", equalTo(true))
                    .body("reason", equalTo("privacy request PR-42"))
                    .body("changedAt", notNullValue())
                    .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("email")));
            namesAreHidden(c);
            // the admin still sees the names (and the export records who restricted)
            as(Api.admin()).when().get(BASE + "/" + c.accountName()).then().body("firstName", equalTo("Zoë"))
                    .body("restricted", equalTo(true));
            var export = as(Api.service()).when().get(INTERNAL + "/" + c.id() + "/personal-data").then().extract().jsonPath();
            assertThat(export.getString("restriction.changedBy")).isEqualTo("user:" + admin);
            assertThat(export.getBoolean("restriction.restricted")).isTrue();

            as(Api.admin()).body(Map.of("restricted", false)).when().put(adminPath(c))
                    .then().statusCode(200).body("restricted", equalTo(false)).body("reason", nullValue());
            namesAreShown(c);
        }

        @Test
        void repeatingTheSameStateChangesNothing() {
            var c = Api.register("restr-same");
            JsonPath first = as(Api.admin()).body(restrict(true)).when().put(adminPath(c)).then().statusCode(200).extract().jsonPath();
            JsonPath again = as(Api.admin()).body(Map.of("restricted", true, "reason", "another")).when().put(adminPath(c))
                    .then().statusCode(200).extract().jsonPath();
            assertThat(again.getMap("$")).isEqualTo(first.getMap("$"));
        }

        @Test
        void aDeactivatedContributorCanBeRestrictedToo() {
            var c = Api.register("restr-deact");
            Api.deactivate(c);
            as(Api.admin()).body(restrict(true)).when().put(adminPath(c))
                    .then().statusCode(200).body("status", equalTo("DEACTIVATED")).body("restricted", equalTo(true));
        }

        @Test
        void unknownAccountIs404() {
            as(Api.admin()).body(restrict(true)).when().put(BASE + "/" + Api.unique("nobody") + "/restriction")
                    .then().statusCode(404).contentType(PROBLEM);
        }

        @Test
        void invalidBodiesAre400AndChangeNothing() {
            var c = Api.register("restr-inv");
            String admin = Api.admin();
            as(admin).body("{}").when().put(adminPath(c))
                    .then().statusCode(400).contentType(PROBLEM).body("violations.field", hasItem("restricted"));
            as(admin).body(Map.of("restricted", true, "reason", "<script>x</script>")).when().put(adminPath(c))
                    .then().statusCode(400).contentType(PROBLEM).body("violations.field", hasItem("reason"));
            as(admin).body(Map.of("restricted", true, "reason", "r".repeat(501))).when().put(adminPath(c))
                    .then().statusCode(400).contentType(PROBLEM).body("violations.field", hasItem("reason"));
            as(admin).body(Map.of("restricted", true, "reason", "a\u0000b")).when().put(adminPath(c))
                    .then().statusCode(400).contentType(PROBLEM);
            as(admin).body("{\"restricted\":\"maybe\"}").when().put(adminPath(c))
                    .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("restricted"));
            as(admin).body("{\"restricted\":true,\"until\":\"2030\"}").when().put(adminPath(c))
                    .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("until"));
            as(admin).body("{\"restricted\":").when().put(adminPath(c)).then().statusCode(400).contentType(PROBLEM);
            namesAreShown(c);
            assertThat(db(() -> Api.contributors().findById(c.id()).restrictionChangedAt)).isNull();
        }
    }

    @Nested
    class ByPrivacyService {
        @Test
        void usersAndAdminsCannotUseTheInternalRoute() {
            var c = Api.register("restr-int-deny");
            given().contentType(ContentType.JSON).body(restrict(true)).when().put(internalPath(c)).then().statusCode(401);
            for (String token : List.of(c.token(), Api.admin(), TestTokens.ci("ci-x", c.accountName()))) {
                as(token).body(restrict(true)).when().put(internalPath(c)).then().statusCode(403).contentType(PROBLEM);
            }
            namesAreShown(c);
        }

        @Test
        void privacyServiceRestrictsAndLiftsIdempotently() {
            var c = Api.register("restr-int");
            JsonPath first = as(Api.service()).body(restrict(true)).when().put(internalPath(c))
                    .then().statusCode(200).body("restricted", equalTo(true)).extract().jsonPath();
            JsonPath again = as(Api.service()).body(restrict(true)).when().put(internalPath(c))
                    .then().statusCode(200).extract().jsonPath();
            assertThat(again.getMap("$")).isEqualTo(first.getMap("$"));
            namesAreHidden(c);
            var export = as(Api.service()).when().get(INTERNAL + "/" + c.id() + "/personal-data").then().extract().jsonPath();
            assertThat(export.getString("restriction.changedBy")).isEqualTo("client:privacy-service");

            as(Api.service()).body(restrict(false)).when().put(internalPath(c)).then().statusCode(200).body("restricted", equalTo(false));
            namesAreShown(c);
        }

        @Test
        void unknownOrMalformedIdsAre404() {
            as(Api.service()).body(restrict(true)).when().put(INTERNAL + "/" + UUID.randomUUID() + "/restriction")
                    .then().statusCode(404).contentType(PROBLEM);
            as(Api.service()).body(restrict(true)).when().put(INTERNAL + "/not-a-uuid/restriction")
                    .then().statusCode(404).contentType(PROBLEM);
        }
    }
}
