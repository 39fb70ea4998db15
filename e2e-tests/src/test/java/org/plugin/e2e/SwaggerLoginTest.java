package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The frontend's real login, from the API documents: a user opens contributor-service's Swagger UI
 * through the gateway in Debian's Chromium, clicks Authorize, picks the document's OAuth2 scheme
 * (authorization code with PKCE, the realm's public client {@code plugin-swagger}), logs in on
 * Keycloak's page in the window Swagger UI opens, comes back authorized, then "Try it out" on
 * {@code GET /api/contributors/me} shows 200 with their own data. The documents' side of it (the
 * scheme, {@code security: []} on public operations) and the realm's side (the client's PKCE and
 * redirect URIs) are checked first, so that a failure says which side broke.
 */
class SwaggerLoginTest {

    static final String SWAGGER_UI = Stack.GATEWAY + "/api/contributors/swagger-ui/";
    static final String REDIRECT = Stack.GATEWAY + "/api/contributors/swagger-ui/oauth2-redirect.html";

    @Test
    void everyPublicDocumentOffersTheLoginAndMarksItsPublicOperations() {
        for (String prefix : List.of("contributors", "atoms", "privacy")) {
            JsonPath document = given(Stack.gateway()).queryParam("format", "json")
                    .when().get("/api/" + prefix + "/openapi").then().statusCode(200).extract().jsonPath();
            Map<String, Object> flow = document.getMap("components.securitySchemes.oauth2.flows.authorizationCode");
            assertThat(document.getString("components.securitySchemes.oauth2.type")).as(prefix).isEqualTo("oauth2");
            assertThat(flow).as(prefix).containsEntry("authorizationUrl", Stack.REALM + "/protocol/openid-connect/auth")
                    .containsEntry("tokenUrl", Stack.REALM + "/protocol/openid-connect/token");
            // the pasted token stays possible
            assertThat(document.getString("components.securitySchemes.bearer.scheme")).as(prefix).isEqualTo("bearer");
        }
        JsonPath contributors = given(Stack.gateway()).queryParam("format", "json")
                .when().get("/api/contributors/openapi").then().extract().jsonPath();
        assertThat(contributors.getList("paths.'/api/contributors/me'.get.security"))
                .as("GET /api/contributors/me: either scheme").containsExactlyInAnyOrder(Map.of("bearer", List.of()), Map.of("oauth2", List.of()));
        JsonPath privacy = given(Stack.gateway()).queryParam("format", "json")
                .when().get("/api/privacy/openapi").then().extract().jsonPath();
        assertThat(privacy.getList("paths.'/api/privacy/notice'.get.security")).as("the notice is public").isEmpty();
        assertThat(privacy.getList("paths.'/api/privacy/cookies'.get.security")).as("the cookies are public").isEmpty();
        assertThat(privacy.getMap("paths.'/api/privacy/notice'.get")).containsKey("security");
    }

    @Test
    void theRealmHasSwaggerUisPublicClientWithPkceAndTheGatewaysRedirects() {
        var clients = given(Stack.keycloakAdmin()).queryParam("clientId", "plugin-swagger")
                .when().get("/clients").then().statusCode(200).extract().jsonPath();
        assertThat(clients.getList("")).hasSize(1);
        assertThat(clients.getBoolean("[0].publicClient")).isTrue();
        assertThat(clients.getBoolean("[0].standardFlowEnabled")).isTrue();
        assertThat(clients.getBoolean("[0].implicitFlowEnabled")).isFalse();
        assertThat(clients.getBoolean("[0].directAccessGrantsEnabled")).isFalse();
        assertThat(clients.getString("[0].attributes.'pkce.code.challenge.method'")).isEqualTo("S256");
        assertThat(clients.getList("[0].redirectUris", String.class)).contains(REDIRECT,
                Stack.GATEWAY + "/api/atoms/swagger-ui/oauth2-redirect.html",
                Stack.GATEWAY + "/api/privacy/swagger-ui/oauth2-redirect.html");
        assertThat(clients.getList("[0].webOrigins", String.class)).containsExactly(Stack.GATEWAY);

        // PKCE is required: an authorization request without a code challenge is refused
        String page = given().redirects().follow(false).baseUri(Stack.REALM)
                .queryParam("client_id", "plugin-swagger").queryParam("response_type", "code")
                .queryParam("scope", "openid").queryParam("redirect_uri", REDIRECT).queryParam("state", "s")
                .when().get("/protocol/openid-connect/auth").then().extract().header("Location");
        assertThat(page).startsWith(REDIRECT).contains("error=invalid_request").contains("code_challenge");
        // and a redirect elsewhere too
        given().redirects().follow(false).baseUri(Stack.REALM)
                .queryParam("client_id", "plugin-swagger").queryParam("response_type", "code").queryParam("scope", "openid")
                .queryParam("redirect_uri", "https://evil.example/callback").queryParam("state", "s")
                .queryParam("code_challenge_method", "S256").queryParam("code_challenge", SignUpTest.challenge("x".repeat(43)))
                .when().get("/protocol/openid-connect/auth").then().statusCode(400);
    }

    @Test
    void aUserLogsInFromSwaggerUiAndTriesGetMe() {
        Stack.User user = Stack.newPerson("swagger");
        String firstName = Stack.personName("Swfirst");
        String lastName = Stack.personName("Swlast");
        Stack.remember(firstName, lastName);
        given(Stack.gateway(user.token())).contentType(ContentType.JSON)
                .body(Map.of("accountName", user.username(), "firstName", firstName, "lastName", lastName, "email", user.email()))
                .when().post("/api/contributors").then().statusCode(201)
                .body("accountName", equalTo(user.username()));

        try (Browser browser = Browser.open()) {
            try {
                browser.go(SWAGGER_UI);
                // the document is loaded: its operations are listed
                browser.waitFor(By.cssSelector(".opblock-summary-path[data-path='/api/contributors/me']"));
                String swaggerWindow = browser.driver().getWindowHandle();

                // Authorize: the dialog offers the OAuth2 scheme with the client and PKCE preset
                browser.click(By.cssSelector(".auth-wrapper .btn.authorize"));
                WebElement oauth2 = oauth2Container(browser);
                assertThat(oauth2.getText()).contains("authorizationCode with PKCE")
                        .contains(Stack.REALM + "/protocol/openid-connect/auth");
                assertThat(oauth2.findElement(By.cssSelector("input#client_id_authorizationCode")).getAttribute("value")).isEqualTo("plugin-swagger");
                oauth2.findElement(By.cssSelector("button.authorize")).click();

                // Swagger UI opens Keycloak's login page in a window of its own
                browser.waitUntil(d -> d.getWindowHandles().size() > 1);
                Set<String> windows = browser.driver().getWindowHandles();
                String login = windows.stream().filter(w -> !w.equals(swaggerWindow)).findFirst().orElseThrow();
                browser.driver().switchTo().window(login);
                String authorization = browser.waitForUrl(url -> url.startsWith(Stack.REALM));
                assertThat(authorization).contains("client_id=plugin-swagger").contains("code_challenge_method=S256")
                        .contains("code_challenge=").contains("redirect_uri=");
                browser.type(By.id("username"), user.username());
                browser.type(By.id("password"), Stack.password(user.username()));
                browser.click(By.id("kc-login"));

                // back on oauth2-redirect.html, which hands the code to Swagger UI and closes its window
                browser.waitUntil(d -> d.getWindowHandles().size() == 1);
                browser.driver().switchTo().window(swaggerWindow);
                WebElement authorized = oauth2Container(browser);
                browser.waitUntil(d -> authorized.getText().contains("Authorized"));
                assertThat(authorized.findElements(By.cssSelector("button.authorize")).stream().map(WebElement::getText))
                        .contains("Logout");
                browser.click(By.cssSelector(".modal-ux .btn-done"));

                // Try it out: GET /api/contributors/me, sent by Swagger UI with the token it obtained
                browser.click(By.cssSelector(".opblock-get .opblock-summary-path[data-path='/api/contributors/me']"));
                WebElement operation = browser.waitFor(By.cssSelector(".opblock-get.is-open"));
                operation.findElement(By.cssSelector(".try-out__btn")).click();
                browser.click(By.cssSelector(".opblock-get.is-open button.execute"));
                WebElement status = browser.waitFor(By.cssSelector(".opblock-get.is-open .live-responses-table tr.response .response-col_status"));
                browser.waitUntil(d -> !status.getText().isBlank());
                assertThat(status.getText().strip()).isEqualTo("200");
                String body = browser.waitFor(By.cssSelector(".opblock-get.is-open .live-responses-table tr.response .response-col_description pre.microlight"))
                        .getText();
                JsonPath me = JsonPath.from(body);
                assertThat(me.getString("accountName")).isEqualTo(user.username());
                assertThat(me.getString("firstName")).isEqualTo(firstName);
                assertThat(me.getString("lastName")).isEqualTo(lastName);
                assertThat(me.getString("email")).isEqualTo(user.email());
                // the request Swagger UI shows was sent with a bearer token through the gateway
                String curl = operation.findElement(By.cssSelector(".curl-command")).getText();
                assertThat(curl).contains("Authorization: Bearer ").contains(Stack.GATEWAY + "/api/contributors/me");
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("at " + browser.url() + " in the page:\n" + browser.page(), e);
            }
        }
    }

    /** The Authorize dialog's section of the OAuth2 scheme. */
    static WebElement oauth2Container(Browser browser) {
        browser.waitFor(By.cssSelector(".modal-ux .auth-container"));
        return browser.driver().findElements(By.cssSelector(".modal-ux .auth-container")).stream()
                .filter(c -> c.getText().contains("oauth2"))
                .findFirst().orElseThrow(() -> new AssertionError("no oauth2 scheme in the Authorize dialog"));
    }
}
