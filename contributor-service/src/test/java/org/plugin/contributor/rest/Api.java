package org.plugin.contributor.rest;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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

/** Test helpers: fresh contributors with unique names, tokens per persona, direct database checks. */
final class Api {

    static final String BASE = "/api/contributors";
    static final String INTERNAL = "/internal/contributors";
    static final String PROBLEM = "application/problem+json";

    private Api() {
    }

    /** A registered contributor as the tests know them. */
    record Registered(UUID id, String subject, String accountName, String firstName, String lastName, String email) {
        String token() {
            return TestTokens.user(subject);
        }
    }

    /** An account name unique to this run: {@code prefix} (at most 22 characters) and 8 random characters. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Random letters, to make names unique (names allow letters only). */
    static String letters(int count) {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return sb.toString();
    }

    static Map<String, Object> registration(String accountName, String firstName, String lastName, String email) {
        var body = new LinkedHashMap<String, Object>();
        body.put("accountName", accountName);
        body.put("firstName", firstName);
        body.put("lastName", lastName);
        body.put("email", email);
        return body;
    }

    static Registered register(String prefix) {
        return register(prefix, "Zoë", "O'Brien-Núñez");
    }

    static Registered register(String prefix, String firstName, String lastName) {
        String accountName = unique(prefix);
        String subject = "sub-" + accountName;
        String email = accountName + "@example.org";
        String id = given().auth().oauth2(TestTokens.user(subject)).contentType(ContentType.JSON)
                .body(registration(accountName, firstName, lastName, email))
                .when().post(BASE)
                .then().statusCode(201).extract().path("id");
        return new Registered(UUID.fromString(id), subject, accountName, firstName, lastName, email);
    }

    static String service() {
        return TestTokens.service("privacy-service");
    }

    static String admin() {
        return TestTokens.admin("admin-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static void deactivate(Registered c) {
        as(c.token()).when().post(BASE + "/me/deactivation").then().statusCode(200);
    }

    static void restrict(Registered c, boolean restricted) {
        as(service()).body(Map.of("restricted", restricted, "reason", "request R-1"))
                .when().put(INTERNAL + "/" + c.id() + "/restriction").then().statusCode(200);
    }

    // --- direct database checks, each in its own transaction ---

    static <T> T db(Supplier<T> query) {
        return QuarkusTransaction.requiringNew().call(query::get);
    }

    static ContributorRepository contributors() {
        return Arc.container().instance(ContributorRepository.class).get();
    }

    static RectificationAuditRepository rectifications() {
        return Arc.container().instance(RectificationAuditRepository.class).get();
    }

    static EmailReadRepository emailReads() {
        return Arc.container().instance(EmailReadRepository.class).get();
    }

    static DeactivationOutboxRepository outbox() {
        return Arc.container().instance(DeactivationOutboxRepository.class).get();
    }

    /** How many sessions of this test database wait on a lock right now (a row, an advisory lock, a transaction). */
    static long sessionsWaitingOnALock() {
        return db(() -> ((Number) contributors().getEntityManager().createNativeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
                .getSingleResult()).longValue());
    }

    static long rowsWithAccountName(String accountName) {
        return db(() -> contributors().count("lower(accountName) = lower(?1)", accountName));
    }

    static long rowsWithSubject(String subject) {
        return db(() -> contributors().count("subject", subject));
    }

    static long rowsWithEmail(String email) {
        return db(() -> contributors().count("lower(email) = lower(?1)", email));
    }
}
