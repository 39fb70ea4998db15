package org.plugin.contributor.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.plugin.contributor.repository.ContributorRepository;
import org.plugin.contributor.repository.DeactivationOutboxRepository;
import org.plugin.contributor.repository.EmailReadRepository;
import org.plugin.contributor.repository.RectificationAuditRepository;
import org.plugin.testing.TestTokens;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Test helpers of the {@code @QuarkusTest} tier: fresh contributors with unique names, tokens per
 * persona, direct database checks, waiting for what happens in the background.
 */
public final class Api {

    public static final String BASE = "/api/contributors";
    public static final String INTERNAL = "/internal/contributors";
    public static final String PROBLEM = "application/problem+json";

    private Api() {
    }

    /** A registered contributor as the tests know them. */
    public record Registered(UUID id, String subject, String accountName, String firstName, String lastName, String email) {
        public String token() {
            return TestTokens.user(subject);
        }
    }

    /** An account name unique to this run: {@code prefix} (at most 22 characters) and 8 random characters. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Random letters, to make names unique (names allow letters only). */
    public static String letters(int count) {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return sb.toString();
    }

    public static Map<String, Object> registration(String accountName, String firstName, String lastName, String email) {
        var body = new LinkedHashMap<String, Object>();
        body.put("accountName", accountName);
        body.put("firstName", firstName);
        body.put("lastName", lastName);
        body.put("email", email);
        return body;
    }

    public static Registered register(String prefix) {
        return register(prefix, "Zoë", "O'Brien-Núñez");
    }

    public static Registered register(String prefix, String firstName, String lastName) {
        String accountName = unique(prefix);
        String subject = "sub-" + accountName;
        String email = accountName + "@example.org";
        String id = given().auth().oauth2(TestTokens.user(subject)).contentType(ContentType.JSON)
                .body(registration(accountName, firstName, lastName, email))
                .when().post(BASE)
                .then().statusCode(201).extract().path("id");
        return new Registered(UUID.fromString(id), subject, accountName, firstName, lastName, email);
    }

    public static String service() {
        return TestTokens.service("privacy-service");
    }

    public static String admin() {
        return TestTokens.admin("admin-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static void deactivate(Registered c) {
        as(c.token()).when().post(BASE + "/me/deactivation").then().statusCode(200);
    }

    public static void restrict(Registered c, boolean restricted) {
        as(service()).body(Map.of("restricted", restricted, "reason", "request R-1"))
                .when().put(INTERNAL + "/" + c.id() + "/restriction").then().statusCode(200);
    }

    /** Waits up to 30 seconds for {@code condition}; fails naming {@code what} if it never holds. */
    public static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    // --- direct database checks, each in its own transaction ---

    public static <T> T db(Supplier<T> query) {
        return QuarkusTransaction.requiringNew().call(query::get);
    }

    public static ContributorRepository contributors() {
        return Arc.container().instance(ContributorRepository.class).get();
    }

    public static RectificationAuditRepository rectifications() {
        return Arc.container().instance(RectificationAuditRepository.class).get();
    }

    public static EmailReadRepository emailReads() {
        return Arc.container().instance(EmailReadRepository.class).get();
    }

    public static DeactivationOutboxRepository outbox() {
        return Arc.container().instance(DeactivationOutboxRepository.class).get();
    }

    /** How many sessions of this test database wait on a lock right now (a row, an advisory lock, a transaction). */
    public static long sessionsWaitingOnALock() {
        return db(() -> ((Number) contributors().getEntityManager().createNativeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
                .getSingleResult()).longValue());
    }

    public static long rowsWithAccountName(String accountName) {
        return db(() -> contributors().count("lower(accountName) = lower(?1)", accountName));
    }

    public static long rowsWithSubject(String subject) {
        return db(() -> contributors().count("subject", subject));
    }

    public static long rowsWithEmail(String email) {
        return db(() -> contributors().count("lower(email) = lower(?1)", email));
    }
}
