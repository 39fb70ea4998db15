package org.plugin.privacy.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.common.time.PlatformClock;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class DisclosureResourceTest {

    @Inject
    PlatformClock clock;

    Map<String, Object> disclosure(UUID contributor, String reference) {
        return Map.of("authority", "Brigade de lutte contre la cybercriminalité", "legalBasis", "Réquisition judiciaire, art. 60-1 CPP",
                "reference", reference, "contributorIds", List.of(contributor.toString()),
                "dataCategories", List.of("account name", "email address"), "disclosedOn", clock.today().toString(), "confidential", false);
    }

    static long count(UUID contributor) {
        return given().auth().oauth2(TestTokens.admin("dpo")).queryParam("contributorId", contributor.toString())
                .when().get("/api/privacy/disclosures").then().statusCode(200).extract().<Number>path("total").longValue();
    }

    @Nested
    class Personas {
        @Test
        void onlyAdminsReadOrWriteTheRegister() {
            UUID contributor = UUID.randomUUID();
            given().when().get("/api/privacy/disclosures").then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(TestTokens.user("u")).when().get("/api/privacy/disclosures").then().statusCode(403);
            given().auth().oauth2(TestTokens.service("contributor-service")).when().get("/api/privacy/disclosures").then().statusCode(403);
            given().auth().oauth2(TestTokens.user("u")).contentType(ContentType.JSON).body(disclosure(contributor, "R-1"))
                    .when().post("/api/privacy/disclosures").then().statusCode(403);
            org.assertj.core.api.Assertions.assertThat(count(contributor)).isZero();
        }
    }

    @Nested
    class Admin {
        @Test
        void recordsWithTheApprovingAdminAndFindsByContributor() {
            UUID contributor = UUID.randomUUID();
            String adminSubject = "dpo-" + UUID.randomUUID();
            String id = given().auth().oauth2(TestTokens.admin(adminSubject)).contentType(ContentType.JSON).body(disclosure(contributor, "PV-2026-118"))
                    .when().post("/api/privacy/disclosures").then().statusCode(201)
                    .header("Location", containsString("/api/privacy/disclosures/"))
                    .body("approvedBy", equalTo("admin:" + adminSubject))
                    .body("reference", equalTo("PV-2026-118"))
                    .body("dataCategories", equalTo(List.of("account name", "email address")))
                    .extract().path("id");
            given().auth().oauth2(TestTokens.admin("other")).when().get("/api/privacy/disclosures/" + id).then().statusCode(200)
                    .body("contributorIds", equalTo(List.of(contributor.toString())));
            given().auth().oauth2(TestTokens.admin("other")).queryParam("contributorId", contributor.toString())
                    .when().get("/api/privacy/disclosures").then().statusCode(200)
                    .body("total", equalTo(1)).body("items.id", hasItem(id))
                    .body("items.contributorIds", everyItem(hasItem(contributor.toString())));
            given().auth().oauth2(TestTokens.admin("other")).when().get("/api/privacy/disclosures/" + UUID.randomUUID()).then().statusCode(404);
            given().auth().oauth2(TestTokens.admin("other")).queryParam("contributorId", "nope").when().get("/api/privacy/disclosures").then().statusCode(400);
        }

        @Test
        void invalidEntriesAreProblemsAndStoreNothing() {
            UUID contributor = UUID.randomUUID();
            String token = TestTokens.admin("dpo");
            List<Map<String, Object>> bad = new java.util.ArrayList<>();
            var noContributors = new java.util.HashMap<>(disclosure(contributor, "R"));
            noContributors.put("contributorIds", List.of());
            bad.add(noContributors);
            var future = new java.util.HashMap<>(disclosure(contributor, "R"));
            future.put("disclosedOn", clock.today().plusDays(2).toString());
            bad.add(future);
            var markup = new java.util.HashMap<>(disclosure(contributor, "R"));
            markup.put("authority", "<img src=x onerror=alert(1)>");
            bad.add(markup);
            var noBasis = new java.util.HashMap<>(disclosure(contributor, "R"));
            noBasis.remove("legalBasis");
            bad.add(noBasis);
            var longRef = new java.util.HashMap<>(disclosure(contributor, "x".repeat(201)));
            bad.add(longRef);
            for (String date : List.of("1999-12-31", "-999999999-01-01", "0000-01-01")) {
                var ancient = new java.util.HashMap<>(disclosure(contributor, "R"));
                ancient.put("disclosedOn", date);
                bad.add(ancient);
            }
            var sqlAndNul = new java.util.HashMap<>(disclosure(contributor, "R"));
            sqlAndNul.put("reference", "R'; DELETE FROM disclosure; --\u0000");
            bad.add(sqlAndNul);
            var wrongType = new java.util.HashMap<>(disclosure(contributor, "R"));
            wrongType.put("confidential", "maybe");
            bad.add(wrongType);
            for (Map<String, Object> body : bad) {
                given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/privacy/disclosures")
                        .then().statusCode(400).contentType("application/problem+json");
            }
            org.assertj.core.api.Assertions.assertThat(count(contributor)).isZero();
        }
    }
}
