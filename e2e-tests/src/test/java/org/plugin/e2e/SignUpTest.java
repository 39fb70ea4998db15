package org.plugin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.restassured.http.ContentType;

/**
 * A researcher joins on their own, in a real browser: Keycloak's sign-up page (password policy and
 * the terms that link the privacy notice), the verification mail read from the local mail server,
 * the link followed, a login by the authorization code flow with PKCE of the public client
 * {@code plugin-frontend}, then the registration as a contributor through the gateway with the token
 * obtained, the names and email taken from it.
 */
class SignUpTest {

    /** The Swagger UI's OAuth2 redirect page of contributor-service, a redirect URI up adds to plugin-frontend. */
    static final String REDIRECT = Stack.GATEWAY + "/api/contributors/swagger-ui/oauth2-redirect.html";
    static final Pattern VERIFY_LINK = Pattern.compile("https?://[^\\s\"<>]+/login-actions/action-token\\?[^\\s\"<>]+");
    static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aResearcherSignsUpVerifiesTheirEmailLogsInAndRegistersAsAContributor() {
        String username = "signup-" + Stack.unique();
        String email = username + "@example.org";
        String password = "Tall " + Stack.unique() + " ferns";
        String verifier = randomText(48);

        try (Browser browser = Browser.open()) {
            journey(browser, username, email, password, verifier);
        }
    }

    static void journey(Browser browser, String username, String email, String password, String verifier) {
        try {
            // the frontend sends the researcher to the provider; they choose to register
            browser.go(authorizationUrl(verifier, ""));
            browser.click(By.cssSelector("a[href*='/login-actions/registration']"));
            browser.waitFor(By.id("kc-register-form"));
            assertThat(browser.driver().findElement(By.id("kc-registration-terms-text")).getText())
                    .contains("privacy notice");
            String notice = browser.driver().findElement(By.cssSelector("#kc-registration-terms-text a")).getAttribute("href");
            assertThat(notice).isEqualTo(Stack.GATEWAY + "/api/privacy/notice");
            given().when().get(URI.create(notice)).then().statusCode(200);

            // a breached password and no accepted terms: refused, each with its reason
            fill(browser, username, email, "qwerty123456", false);
            assertThat(browser.waitForPage(page -> page.contains("blacklisted"))).contains("You must agree to our terms");
            // the password equal to the username: refused too
            fill(browser, username, email, username, true);
            assertThat(browser.waitForPage(page -> page.contains("must not be equal to the username")))
                    .contains("kc-register-form");

            // a good password and the terms accepted: Keycloak asks to verify the email, and sends the mail
            fill(browser, username, email, password, true);
            assertThat(browser.waitForPage(page -> !page.contains("kc-register-form"))).contains("verify your email");
            Mailbox.Mail mail = Mailbox.await(email, Duration.ofSeconds(30));
            assertThat(mail.subject()).containsIgnoringCase("verify email");
            String link = mail.link(VERIFY_LINK).orElseThrow(() -> new AssertionError("no verification link in " + mail.text()));
            assertThat(link).startsWith(Stack.REALM + "/login-actions/action-token");

            // the researcher follows the link: the email is verified
            browser.go(link);
            browser.waitForPage(page -> browser.url().startsWith(REDIRECT) || page.contains("verified"));

            // and logs in (a fresh authorization request that asks for the password again)
            verifier = randomText(48);
            browser.go(authorizationUrl(verifier, "&prompt=login"));
            browser.waitFor(By.id("password"));
            if (browser.driver().findElements(By.id("username")).isEmpty()) {
                // the browser's session already names the user: Keycloak asks for the password only
                assertThat(browser.page()).contains(username);
            } else {
                browser.type(By.id("username"), username);
            }
            browser.type(By.id("password"), password);
            browser.click(By.id("kc-login"));
            String redirected = browser.waitForUrl(url -> url.startsWith(REDIRECT));
            String code = queryParameter(redirected, "code");

            // the frontend exchanges the code with its PKCE verifier
            String accessToken = given().baseUri(Stack.REALM).contentType(ContentType.URLENC)
                    .formParam("grant_type", "authorization_code").formParam("client_id", "plugin-frontend")
                    .formParam("code", code).formParam("redirect_uri", REDIRECT).formParam("code_verifier", verifier)
                    .when().post("/protocol/openid-connect/token")
                    .then().statusCode(200).extract().path("access_token");
            JsonNode claims = GatewayTest.payload(accessToken);
            assertThat(claims.path("email").asText()).isEqualTo(email);
            assertThat(claims.path("email_verified").asBoolean()).isTrue();
            assertThat(claims.path("preferred_username").asText()).isEqualTo(username);

            // another email than the verified one is refused
            given(Stack.gateway(accessToken)).contentType(ContentType.JSON)
                    .body(Map.of("accountName", username, "firstName", "Ada", "lastName", "Lovelace",
                            "email", username + "@elsewhere.example"))
                    .when().post("/api/contributors")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("verified"));

            // the registration as a contributor, prefilled from the token
            given(Stack.gateway(accessToken)).contentType(ContentType.JSON)
                    .body(Map.of("accountName", username, "firstName", claims.path("given_name").asText(),
                            "lastName", claims.path("family_name").asText(), "email", claims.path("email").asText()))
                    .when().post("/api/contributors")
                    .then().statusCode(201)
                    .header("Location", endsWith("/api/contributors/" + username))
                    .body("accountName", equalTo(username))
                    .body("firstName", equalTo("Ada"))
                    .body("lastName", equalTo("Lovelace"))
                    .body("email", equalTo(email))
                    .body("status", equalTo("ACTIVE"));
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("at " + browser.url() + " in the page:\n" + browser.page(), e);
        }
    }

    /** Fills and sends the sign-up form. */
    static void fill(Browser browser, String username, String email, String password, boolean acceptTerms) {
        browser.type(By.id("username"), username);
        browser.type(By.id("email"), email);
        browser.type(By.id("firstName"), "Ada");
        browser.type(By.id("lastName"), "Lovelace");
        browser.type(By.id("password"), password);
        browser.type(By.id("password-confirm"), password);
        var terms = browser.driver().findElement(By.id("termsAccepted"));
        if (terms.isSelected() != acceptTerms) {
            terms.click();
        }
        browser.click(By.cssSelector("#kc-register-form [type=submit]"));
    }

    static String authorizationUrl(String verifier, String extra) {
        return Stack.REALM + "/protocol/openid-connect/auth?client_id=plugin-frontend&response_type=code&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&state=" + randomText(16) + "&code_challenge_method=S256&code_challenge=" + challenge(verifier) + extra;
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String queryParameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }
}
