package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A contributor's webhooks are their personal data (issue 16): in their ACCESS document (never the
 * secret), and gone from every table once their erasure completed.
 */
class WebhookErasureJourneyTest {

    @Test
    void webhooksAreExportedWithoutTheirSecretAndErasedWithTheAccount() {
        Stack.User user = Stack.newPerson("hooked");
        String token = user.token();
        IdentityProviderJourneyTest.register(user, Stack.personName("Hookfirst"), Stack.personName("Hooklast"));
        String marker = "hook-" + Stack.unique();
        Stack.remember(marker);
        String url = "http://127.0.0.1:9/" + marker;
        String secret = given(Stack.gateway(token)).contentType(ContentType.JSON).body(Map.of("url", url, "description", "erasure journey"))
                .when().post("/api/webhooks").then().statusCode(201).extract().path("secret");
        Stack.remember(secret); // never in a log

        JsonPath document = IdentityProviderJourneyTest.access(token).document();
        assertThat(document.getList("contributions.webhooks.url")).containsExactly(url);
        assertThat(document.prettify()).doesNotContain(secret);
        String contributorId = document.getString("subject.contributorId");

        IdentityProviderJourneyTest.deactivate(token);
        String admin = Stack.userToken(Stack.ADMIN);
        String[] jobId = new String[1];
        PrivacyJourneyTest.await("the erasure job", () -> (jobId[0] = PrivacyJourneyTest.findJob(admin, contributorId)) != null);
        IdentityProviderJourneyTest.pastTheGracePeriod(admin);
        try {
            PrivacyJourneyTest.await("the erasure job to complete", () -> "COMPLETED".equals(given(Stack.gateway(admin))
                    .when().get(PrivacyJourneyTest.JOBS + "/" + jobId[0]).then().statusCode(200).extract().path("status")));
            IdentityProviderJourneyTest.goneFromTheDatabases(marker, secret);
            assertThat(Databases.holding(contributorId)).as("tables still holding the contributor id")
                    .doesNotContain("atom.webhook", "atom.webhook_delivery", "atom.webhook_attempt");
        } finally {
            IdentityProviderJourneyTest.resetClock(admin);
        }
    }
}
