package org.plugin.privacy.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.IntSupplier;

import org.plugin.common.time.PlatformClock;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Helpers shared by the module's tests: unique subjects, peer stubs, moving the clock and back. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** contributor-service's resolve by id: the one call that names a contributor's login subject (read by the erasure step). */
    public static String resolveById(UUID id) {
        return "/internal/contributors/resolve?id=" + id;
    }

    /** contributor-service's answer to {@link #resolveById}: a deactivated contributor with their login subject. */
    public static String resolvedWithSubject(UUID id, String subject) {
        return """
                {"id":"%s","accountName":"a-%s","status":"DEACTIVATED","restricted":false,"subject":"%s"}""".formatted(id, id, subject);
    }

    /** contributor-service knows {@code subject} as contributor {@code id}, resolves both ways and names them. */
    public static void stubContributor(WireMockServer peers, String subject, UUID id, String accountName) {
        stubName(peers, id, accountName);
        peers.stubFor(get(urlPathEqualTo("/internal/contributors/resolve")).withQueryParam("subject", com.github.tomakehurst.wiremock.client.WireMock.equalTo(subject))
                .willReturn(json(200, """
                        {"id":"%s","accountName":"%s","status":"ACTIVE","restricted":false}""".formatted(id, accountName))));
        peers.stubFor(get(urlPathEqualTo("/internal/contributors/resolve")).withQueryParam("accountName", com.github.tomakehurst.wiremock.client.WireMock.equalTo(accountName))
                .willReturn(json(200, """
                        {"id":"%s","accountName":"%s","status":"ACTIVE","restricted":false}""".formatted(id, accountName))));
    }

    /** {@code POST /internal/contributors/names} with {@code id} among the ids answers its account name (null: no name). */
    public static void stubName(WireMockServer peers, UUID id, String accountName) {
        peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/internal/contributors/names"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.ids[?(@ == '" + id + "')]"))
                .willReturn(json(200, """
                        {"contributors":[{"id":"%s","accountName":%s,"firstName":null,"lastName":null,"status":"%s","restricted":false}]}"""
                        .formatted(id, accountName == null ? "null" : "\"" + accountName + "\"", accountName == null ? "ERASED" : "ACTIVE"))));
    }

    public static final String AUTHOR_ERASURE = "/internal/atoms/authors/erasure";
    public static final String AUTHOR_DATA = "/internal/atoms/authors/personal-data";

    /** atom-service's feedback by author subject, for subjects no test stubbed: none, and erasing it succeeds. */
    public static void stubAuthorDefaults(WireMockServer peers) {
        peers.stubFor(get(urlPathEqualTo(AUTHOR_DATA)).atPriority(9).willReturn(json(200, "{\"ratings\":[],\"comments\":[]}")));
        peers.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(AUTHOR_ERASURE)).atPriority(9)
                .willReturn(json(200, "{\"erasedAt\":\"2026-01-01T00:00:00Z\",\"comments\":0,\"ratings\":0}")));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", status >= 400 ? "application/problem+json" : "application/json").withBody(body);
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder problem(int status, String detail) {
        return json(status, "{\"status\":" + status + ",\"title\":\"Error\",\"detail\":\"" + detail + "\"}");
    }

    /** Runs a worker until it finds nothing due (bounded). */
    public static void drain(IntSupplier worker) {
        for (int i = 0; i < 50 && worker.getAsInt() > 0; i++) {
            // keep going
        }
    }

    /** Moves the clock to {@code target}, runs {@code body}, and moves it back. */
    public static void at(PlatformClock clock, Instant target, Runnable body) {
        Duration shift = Duration.between(clock.instant(), target);
        clock.advance(shift);
        try {
            body.run();
        } finally {
            clock.advance(shift.negated());
        }
    }

    /** Moves the clock forward by {@code by}, runs {@code body}, and moves it back. */
    public static void later(PlatformClock clock, Duration by, Runnable body) {
        clock.advance(by);
        try {
            body.run();
        } finally {
            clock.advance(by.negated());
        }
    }

    /** Like {@link #later(PlatformClock, Duration, Runnable)}, returning what {@code body} gives. */
    public static <T> T laterGet(PlatformClock clock, Duration by, java.util.function.Supplier<T> body) {
        clock.advance(by);
        try {
            return body.get();
        } finally {
            clock.advance(by.negated());
        }
    }
}
