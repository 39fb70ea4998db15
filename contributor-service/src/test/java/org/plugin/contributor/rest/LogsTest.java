package org.plugin.contributor.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.contributor.support.Api.BASE;
import static org.plugin.contributor.support.Api.INTERNAL;
import static org.plugin.contributor.support.Api.as;
import static org.plugin.contributor.support.Api.db;
import static org.plugin.contributor.support.Api.letters;
import static org.plugin.contributor.support.Api.outbox;
import static org.plugin.contributor.support.Api.registration;
import static org.plugin.contributor.support.Api.unique;

import java.io.PrintWriter;
import java.time.Instant;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.jboss.logmanager.ExtLogRecord;
import org.plugin.contributor.repository.Contributor;
import org.junit.jupiter.api.Test;
import org.plugin.contributor.support.Api;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * No personal data in logs: a contributor's whole life (registration, conflicts, every view, admin
 * reads, rectification, restriction, a race for one email, deactivation and its delivery, erasure,
 * lookups of names that do not exist) leaves no email, name, account name or token subject in any
 * log record, the database server's included (the test PostgreSQL logs through the same logger).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class LogsTest {

    @InjectPeers
    WireMockServer peers;

    /** Every record logged anywhere in this JVM while installed, formatted with its parameters and stack trace. */
    static final class Capture extends Handler {
        final List<String> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord r) {
            var text = new StringBuilder(String.valueOf(r.getLoggerName())).append(": ")
                    .append(r instanceof ExtLogRecord e ? e.getFormattedMessage() : new SimpleFormatter().formatMessage(r));
            if (r.getThrown() != null) {
                var trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                text.append('\n').append(trace);
            }
            records.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aContributorsWholeLifeLeavesNoPersonalDataInTheLogs() throws Exception {
        peers.stubFor(post(urlEqualTo("/internal/privacy/deactivations")).atPriority(10).willReturn(aResponse().withStatus(201)));
        var capture = new Capture();
        capture.setLevel(Level.ALL);
        var root = Logger.getLogger("");
        root.addHandler(capture);
        var secrets = new ArrayList<String>();
        try {
            var c = Api.register("logs", "Lgfirst" + letters(8), "Lglast" + letters(8));
            secrets.addAll(List.of(c.accountName(), c.subject(), c.email(), c.firstName(), c.lastName()));
            String user = TestTokens.user("sub-" + unique("logreader"));
            String admin = Api.admin();
            String service = Api.service();

            // conflicts: the same subject, account name and email again
            as(c.token()).body(registration(unique("logs2"), "Ann", "Doe", unique("l") + "@example.org")).post(BASE).then().statusCode(409);
            as(TestTokens.user("sub-" + unique("logs3"))).body(registration(c.accountName(), "Ann", "Doe", unique("l") + "@example.org"))
                    .post(BASE).then().statusCode(409);
            as(TestTokens.user("sub-" + unique("logs4"))).body(registration(unique("logs4"), "Ann", "Doe", c.email().toUpperCase(Locale.ROOT)))
                    .post(BASE).then().statusCode(409);
            // a value that fails validation is not echoed either
            String refused = "Lgrefused" + letters(8);
            secrets.add(refused);
            as(TestTokens.user("sub-" + unique("logs5"))).body(registration(unique("logs5"), refused + "<b>", "Doe", unique("l") + "@example.org"))
                    .post(BASE).then().statusCode(400);

            // views by everyone, admin reads, lookups of names that do not exist
            String probe = unique("probe");
            secrets.add(probe);
            as(user).get(BASE + "/" + c.accountName()).then().statusCode(200);
            as(user).get(BASE + "/" + probe).then().statusCode(404);
            as(admin).get(BASE + "/" + probe).then().statusCode(404);
            as(user).queryParam("q", c.lastName()).get(BASE).then().statusCode(200);
            as(admin).get(BASE + "/" + c.accountName()).then().statusCode(200);
            as(admin).queryParam("q", c.lastName()).get(BASE).then().statusCode(200);
            as(admin).body(Map.of("restricted", true, "reason", "request PR-7")).put(BASE + "/" + c.accountName() + "/restriction")
                    .then().statusCode(200);
            as(admin).body(Map.of("restricted", false)).put(BASE + "/" + probe + "/restriction").then().statusCode(404);
            as(c.token()).get(BASE + "/me").then().statusCode(200);

            // the internal API
            as(service).queryParam("subject", c.subject()).get(INTERNAL + "/resolve").then().statusCode(200);
            as(service).queryParam("accountName", c.accountName()).get(INTERNAL + "/resolve").then().statusCode(200);
            as(service).queryParam("accountName", probe).get(INTERNAL + "/resolve").then().statusCode(404);
            as(service).queryParam("subject", "sub-" + probe).get(INTERNAL + "/resolve").then().statusCode(404);
            as(service).body(Map.of("ids", List.of(c.id()))).post(INTERNAL + "/names").then().statusCode(200);
            as(service).get(INTERNAL + "/" + c.id() + "/personal-data").then().statusCode(200);
            String requested = "Lgrequested" + letters(8);
            secrets.add(requested);
            as(service).body(Map.of("lastName", requested)).patch(INTERNAL + "/" + c.id()).then().statusCode(200);
            as(service).body(Map.of("restricted", false, "reason", "request PR-7 closed")).put(INTERNAL + "/" + c.id() + "/restriction")
                    .then().statusCode(200);

            // rectification by the contributor
            String newFirst = "Lgnew" + letters(8);
            String newEmail = unique("lgmail") + "@example.net";
            secrets.addAll(List.of(newFirst, newEmail));
            as(c.token()).body(Map.of("firstName", newFirst, "email", newEmail)).patch(BASE + "/me").then().statusCode(200);

            // a race of registrations for one email: one wins, the others get 409
            String contested = unique("lgrace") + "@example.org";
            secrets.add(contested);
            race(contested);

            // deactivation, delivered to privacy-service; then erasure, and lookups of what was erased
            as(c.token()).post(BASE + "/me/deactivation").then().statusCode(200);
            Api.awaitTrue("the deactivation is delivered",
                    () -> db(() -> outbox().findByContributor(c.id())).map(e -> e.deliveredAt != null).orElse(false));
            as(service).post(INTERNAL + "/" + c.id() + "/erasure").then().statusCode(200);
            as(user).get(BASE + "/" + c.accountName()).then().statusCode(404);
            as(admin).get(BASE + "/" + c.accountName()).then().statusCode(404);
            as(service).queryParam("subject", c.subject()).get(INTERNAL + "/resolve").then().statusCode(404);

            Thread.sleep(1_500); // the database server's log reaches the logger asynchronously
        } finally {
            root.removeHandler(capture);
        }

        assertThat(capture.records).as("records captured").isNotEmpty();
        for (String secret : secrets) {
            String lower = secret.toLowerCase(Locale.ROOT);
            assertThat(capture.records.stream().filter(record -> record.toLowerCase(Locale.ROOT).contains(lower)).toList())
                    .as("log records mentioning '" + secret + "'").isEmpty();
        }
    }

    private static void race(String email) throws Exception {
        var calls = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 6; i++) {
            String name = unique("lgr" + i);
            calls.add(() -> as(TestTokens.user("sub-" + name)).body(registration(name, "Ann", "Doe", email))
                    .when().post(BASE).then().extract().statusCode());
        }
        var pool = Executors.newFixedThreadPool(calls.size());
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<Integer>>();
            for (var call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            var statuses = new ArrayList<Integer>();
            for (var f : futures) {
                statuses.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnlyOnce(201).filteredOn(s -> s != 201).containsOnly(409);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRegistrationThatLosesARaceForAnEmailLeavesItOutOfTheDatabaseLog() throws Exception {
        String email = unique("lgheld") + "@example.org";
        var capture = new Capture();
        capture.setLevel(Level.ALL);
        var root = Logger.getLogger("");
        root.addHandler(capture);
        var pool = Executors.newFixedThreadPool(2);
        try {
            var inserted = new CountDownLatch(1);
            var commit = new CountDownLatch(1);
            // a registration in flight in another transaction: it has claimed the email and inserted its row, not committed yet
            Future<?> first = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                Api.contributors().lockUniqueValues(List.of("email:" + email));
                var c = new Contributor();
                c.id = UUID.randomUUID();
                c.subject = "sub-" + unique("lgheld");
                c.accountName = unique("lgheld");
                c.firstName = "Ann";
                c.lastName = "Doe";
                c.email = email;
                c.status = Contributor.Status.ACTIVE;
                c.createdAt = Instant.now();
                c.updatedAt = c.createdAt;
                Api.contributors().persistAndFlush(c);
                inserted.countDown();
                try {
                    commit.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
            String name = unique("lgsecond");
            Future<Integer> second = pool.submit(() -> as(TestTokens.user("sub-" + name)).body(registration(name, "Ann", "Doe", email))
                    .when().post(BASE).then().extract().statusCode());
            Api.awaitTrue("the second registration waits for the first", () -> Api.sessionsWaitingOnALock() > 0);
            commit.countDown();
            first.get(30, TimeUnit.SECONDS);
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(409);
            assertThat(Api.rowsWithEmail(email)).isOne();
            Thread.sleep(1_500); // the database server's log reaches the logger asynchronously
        } finally {
            pool.shutdownNow();
            root.removeHandler(capture);
        }
        // the loser waited for the winner and then saw its row: no unique violation (SQL state 23505, which
        // PostgreSQL's server log reports with the duplicated value, the email here)
        assertThat(capture.records.stream().filter(record -> record.contains("23505") || record.contains("duplicate key")).toList())
                .as("unique violations logged").isEmpty();
        assertThat(capture.records.stream().filter(record -> record.toLowerCase(Locale.ROOT).contains(email)).toList())
                .as("log records mentioning the contested email").isEmpty();
    }
}
