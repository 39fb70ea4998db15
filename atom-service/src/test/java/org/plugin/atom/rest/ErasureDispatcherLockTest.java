package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.atom.support.Fixtures.unique;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.plugin.atom.repository.EventRepository;
import org.plugin.atom.support.Db;
import org.plugin.atom.support.Fixtures;
import org.plugin.atom.support.Notifications;
import org.plugin.atom.support.Peers;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An erasure holds the catalog dispatcher's advisory lock in shared mode, a dispatch takes it
 * exclusively: erasures of different people run side by side, a dispatch never interleaves with an
 * erasure, and an erasure waits for a dispatch under way. The lock is held here on a connection of
 * the test's own, in the mode the other side would hold it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class ErasureDispatcherLockTest {

    static final String SERVICE = TestTokens.service("privacy-service");

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    static CompletableFuture<Integer> eraseLater(Peers.Contributor who) {
        return CompletableFuture.supplyAsync(() -> given().auth().oauth2(SERVICE)
                .post("/internal/atoms/contributors/" + who.id() + "/erasure").then().extract().statusCode());
    }

    /** A contributor who owns one published Atom (something for their erasure to do). */
    Peers.Contributor withAnAtom(String name) {
        var who = Peers.contributor(peers, name);
        Fixtures.publish(who, unique("erased-" + name), "1.0.0", Fixtures.IN_OUT_HTTP);
        return who;
    }

    @Test
    void anErasureDoesNotWaitForAnotherErasure() throws Exception {
        var bob = withAnAtom("bob");
        try (var anotherErasure = Db.advisoryLock(ds, EventRepository.DISPATCHER_LOCK, true)) {
            // answered while the other erasure still holds its shared lock
            assertThat(eraseLater(bob).get(10, TimeUnit.SECONDS)).as("erased while another erasure runs").isEqualTo(200);
        }
    }

    @Test
    void aDispatchWaitsForAnErasureUnderWay() {
        var alice = Peers.contributor(peers, "alice");
        var carol = Peers.contributor(peers, "carol");
        String atom = unique("evt-erasure");
        Fixtures.publish(alice, atom, "1.0.0", Fixtures.IN_OUT_HTTP);
        given().auth().oauth2(TestTokens.user(carol.subject())).put("/api/atoms/" + atom + "/subscription").then().statusCode(201);
        Db.awaitDispatched(ds, atom);
        try (var erasure = Db.advisoryLock(ds, EventRepository.DISPATCHER_LOCK, true)) {
            Fixtures.put(TestTokens.user(alice.subject()), atom, "1.1.0", Fixtures.version("Another", 'b', Fixtures.IN_OUT_HTTP)).then()
                    .statusCode(201);
            Notifications.sleep(2500);
            assertThat(Db.undispatched(ds, atom)).as("no dispatch while an erasure holds the lock").isEqualTo(1);
        }
        Db.awaitDispatched(ds, atom);
    }

    @Test
    void anErasureWaitsForADispatchUnderWay() throws Exception {
        var dave = withAnAtom("dave");
        CompletableFuture<Integer> erasure;
        try (var dispatch = Db.advisoryLock(ds, EventRepository.DISPATCHER_LOCK, false)) {
            erasure = eraseLater(dave);
            Notifications.sleep(1500);
            assertThat(erasure).as("the erasure waits while a dispatch holds the lock").isNotDone();
        }
        assertThat(erasure.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }
}
