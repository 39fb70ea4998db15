package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A contributor's life through the gateway with real provider tokens: registration, the public view
 * without email for another user and with email for an admin, rectification, deactivation, and the
 * account gone from public views and the directory.
 */
class ContributorJourneyTest {

    private static final String CONTRIBUTORS = "/api/contributors";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void registerIsSeenRectifyDeactivateAndIsGone() {
        String username = Stack.newUser("journey");
        String accountName = username.toLowerCase();
        String email = accountName + "@example.org";
        String contributor = Stack.userToken(username);
        String otherUser = Stack.userToken(Stack.BOB);
        String admin = Stack.userToken(Stack.ADMIN);
        String firstName = Stack.personName("Zoë");
        String lastName = Stack.personName("O'Brien-Núñez");
        String rectified = Stack.personName("Martin");

        // the new user registers as a contributor
        given(Stack.gateway(contributor)).contentType(ContentType.JSON)
                .body(Map.of("accountName", accountName, "firstName", firstName, "lastName", lastName, "email", email))
                .when().post(CONTRIBUTORS)
                .then().statusCode(201)
                .header("Location", endsWith(CONTRIBUTORS + "/" + accountName))
                .body("accountName", equalTo(accountName))
                .body("email", equalTo(email))
                .body("status", equalTo("ACTIVE"));
        given(Stack.gateway(contributor)).contentType(ContentType.JSON)
                .body(Map.of("accountName", accountName, "firstName", firstName, "lastName", Stack.personName("Again"), "email", email))
                .when().post(CONTRIBUTORS)
                .then().statusCode(409).contentType("application/problem+json");

        // another user sees the public view: the notice's three fields, no email
        JsonPath publicView = given(Stack.gateway(otherUser)).when().get(CONTRIBUTORS + "/" + accountName)
                .then().statusCode(200).extract().jsonPath();
        assertThat(publicView.getMap("$")).containsOnlyKeys("accountName", "firstName", "lastName", "since");
        assertThat(publicView.getString("firstName")).isEqualTo(firstName);
        assertThat(publicView.getString("lastName")).isEqualTo(lastName);

        // the admin sees the email, status and subject
        given(Stack.gateway(admin)).when().get(CONTRIBUTORS + "/" + accountName)
                .then().statusCode(200)
                .body("email", equalTo(email))
                .body("status", equalTo("ACTIVE"))
                .body("subject", notNullValue());

        // the directory lists them for users, without email
        given(Stack.gateway(otherUser)).queryParam("q", accountName).when().get(CONTRIBUTORS)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].accountName", equalTo(accountName))
                .body("items[0]", not(hasKey("email")));

        // the contributor rectifies; everyone sees it at once
        given(Stack.gateway(contributor)).contentType(ContentType.JSON).body(Map.of("lastName", rectified))
                .when().patch(CONTRIBUTORS + "/me")
                .then().statusCode(200).body("lastName", equalTo(rectified)).body("firstName", equalTo(firstName));
        given(Stack.gateway(otherUser)).when().get(CONTRIBUTORS + "/" + accountName)
                .then().statusCode(200).body("lastName", equalTo(rectified));

        // the contributor deactivates: erasure due one calendar month later, Europe/Paris
        JsonPath deactivation = given(Stack.gateway(contributor)).when().post(CONTRIBUTORS + "/me/deactivation")
                .then().statusCode(200).body("status", equalTo("DEACTIVATED")).extract().jsonPath();
        Instant deactivatedAt = Instant.parse(deactivation.getString("deactivatedAt"));
        assertThat(LocalDate.parse(deactivation.getString("erasureDueDate")))
                .isEqualTo(LocalDate.ofInstant(deactivatedAt, PARIS).plusMonths(1));

        // gone from public views and the directory; the contributor still sees their own record
        given(Stack.gateway(otherUser)).when().get(CONTRIBUTORS + "/" + accountName)
                .then().statusCode(404).contentType("application/problem+json");
        given(Stack.gateway(otherUser)).queryParam("q", accountName).when().get(CONTRIBUTORS)
                .then().statusCode(200).body("total", equalTo(0));
        given(Stack.gateway(contributor)).when().get(CONTRIBUTORS + "/me")
                .then().statusCode(200).body("status", equalTo("DEACTIVATED"));
        given(Stack.gateway(admin)).when().get(CONTRIBUTORS + "/" + accountName)
                .then().statusCode(200).body("status", equalTo("DEACTIVATED"));
    }

    @Test
    void theGatewayRefusesCallsWithoutAValidToken() {
        given(Stack.gateway()).when().get(CONTRIBUTORS + "/me").then().statusCode(401);
        given(Stack.gateway("not.a.token")).when().get(CONTRIBUTORS + "/me").then().statusCode(401);
    }
}
