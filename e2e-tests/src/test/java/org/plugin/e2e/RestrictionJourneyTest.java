package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * One restriction path: an admin's restriction (PUT /api/contributors/{accountName}/restriction) hides
 * the contributor's attribution in atom-service too, on the Atom's page, in search results and in the
 * contributor filter, and lifting it restores them. contributor-service carries the decision to
 * atom-service before it answers (the same code as for a privacy RESTRICTION request); the delay the
 * READMEs document is "at once when atom-service answers", so this journey allows a few seconds only.
 */
class RestrictionJourneyTest {

    /** The documented delay: at once (the admin's call pushes it), plus atom-service's names cache when lifted. */
    static final Duration DELAY = Duration.ofSeconds(10);

    static final String DESCRIPTOR = """
            {"atom":{"displayName":"Restriction journey probe","summary":"An Atom of the restriction journey",
              "description":"It carries the rare word %s.","kind":"COMPONENT","category":"testing",
              "tags":["e2e"],"license":"Apache-2.0","sourceUrl":"https://example.org/src/restriction"},
             "artifacts":[{"type":"CONTAINER_IMAGE","reference":"registry.example.org/e2e/restriction:1.0.0",
               "digest":"sha256:1f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}],
             "languages":["Go"],"connectionPoints":[{"name":"in","protocol":"IP","direction":"IN"}],
             "releaseNotes":"First","state":"PUBLISHED"}""";

    static void within(String what, Supplier<Boolean> condition) {
        Instant until = Instant.now().plus(DELAY);
        while (!condition.get()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Not within " + DELAY + ": " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void anAdminRestrictionHidesTheAttributionEverywhereAndLiftingItRestoresIt() {
        Stack.User user = Stack.newPerson("restricted");
        String account = user.username();
        String firstName = Stack.personName("Rfirst");
        String lastName = Stack.personName("Rlast");
        given(Stack.gateway(user.token())).contentType(ContentType.JSON)
                .body(Map.of("accountName", account, "firstName", firstName, "lastName", lastName, "email", user.email()))
                .when().post("/api/contributors").then().statusCode(201);
        String atom = "restriction-" + Stack.unique();
        String word = "wombat" + Stack.unique().replaceAll("[^a-z]", "") + "x";
        given(Stack.gateway(user.token())).contentType(ContentType.JSON).body(DESCRIPTOR.formatted(word))
                .when().put("/api/atoms/" + atom + "/versions/1.0.0").then().statusCode(anyOf(is(200), is(201)));
        String reader = Stack.userToken(Stack.newUser("restriction-reader"));
        String admin = Stack.userToken(Stack.ADMIN);

        // attributed everywhere
        assertThat(attributed(reader, atom, word, account)).isTrue();

        given(Stack.gateway(admin)).contentType(ContentType.JSON).body(Map.of("restricted", true, "reason", "restriction journey"))
                .when().put("/api/contributors/" + account + "/restriction").then().statusCode(200).body("restricted", equalTo(true));
        within("the attribution hidden on the Atom's page, in search and in ?contributor=", () -> hidden(reader, atom, word, account));
        String page = given(Stack.gateway(reader)).when().get("/api/atoms/" + atom).then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain(account).doesNotContain(firstName).doesNotContain(lastName);

        given(Stack.gateway(admin)).contentType(ContentType.JSON).body(Map.of("restricted", false))
                .when().put("/api/contributors/" + account + "/restriction").then().statusCode(200).body("restricted", equalTo(false));
        within("the attribution restored everywhere", () -> attributed(reader, atom, word, account));
        given(Stack.gateway(reader)).when().get("/api/atoms/" + atom).then().statusCode(200)
                .body("owner.firstName", equalTo(firstName)).body("owner.lastName", equalTo(lastName));
    }

    /** The Atom's page, a search for its word and the contributor filter all name the owner. */
    static boolean attributed(String token, String atom, String word, String account) {
        JsonPath page = given(Stack.gateway(token)).when().get("/api/atoms/" + atom).then().statusCode(200).extract().jsonPath();
        JsonPath search = given(Stack.gateway(token)).queryParam("q", word).when().get("/api/atoms").then().statusCode(200).extract().jsonPath();
        JsonPath byContributor = given(Stack.gateway(token)).queryParam("contributor", account).when().get("/api/atoms").then().statusCode(200)
                .extract().jsonPath();
        return account.equals(page.getString("owner.accountName")) && !page.getBoolean("attributionHidden")
                && List.of(atom).equals(search.getList("items.name")) && account.equals(search.getString("items[0].owner.accountName"))
                && !search.getBoolean("items[0].attributionHidden") && byContributor.getList("items.name").contains(atom);
    }

    /** None of them names the owner, and the contributor filter lists nothing of theirs. */
    static boolean hidden(String token, String atom, String word, String account) {
        JsonPath page = given(Stack.gateway(token)).when().get("/api/atoms/" + atom).then().statusCode(200).extract().jsonPath();
        JsonPath search = given(Stack.gateway(token)).queryParam("q", word).when().get("/api/atoms").then().statusCode(200).extract().jsonPath();
        JsonPath byContributor = given(Stack.gateway(token)).queryParam("contributor", account).when().get("/api/atoms").then().statusCode(200)
                .extract().jsonPath();
        return page.get("owner") == null && page.getBoolean("attributionHidden")
                && List.of(atom).equals(search.getList("items.name")) && search.get("items[0].owner") == null
                && search.getBoolean("items[0].attributionHidden")
                && byContributor.getList("items").isEmpty() && byContributor.getInt("total") == 0;
    }
}
