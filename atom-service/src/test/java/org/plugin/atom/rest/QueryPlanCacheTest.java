package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.atom.support.Fixtures.unique;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.plugin.atom.support.Db;
import org.plugin.atom.support.Fixtures;
import org.plugin.atom.support.Notifications;
import org.plugin.atom.support.Peers;
import org.plugin.atom.support.Peers.Contributor;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hibernate's cache of query plans holds one plan per query, however often it runs. A native query
 * created with a result class used to add a plan at every call (its cache key equals only itself): the
 * cache filled with copies that all hash alike, and every lookup of that query compared its key with
 * each of them, so the CI publish path, whose events look their subscribers up, slowed as the service
 * ran.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class QueryPlanCacheTest {

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    @Inject
    SessionFactory sessions;

    int cachedPlans() {
        return sessions.unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache().getNumberOfCachedQueryPlans();
    }

    void publishAndDispatch(Contributor owner, String atom, int from, int count) {
        for (int i = from; i < from + count; i++) {
            Fixtures.put(TestTokens.user(owner.subject()), atom, "1." + i + ".0", Fixtures.version("Version " + i, 'c', Fixtures.IN_OUT_HTTP))
                    .then().statusCode(201);
        }
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Db.count(ds, "SELECT count(*) FROM catalog_event WHERE atom_name = ? AND dispatched_at IS NULL", atom) > 0) {
            assertThat(System.nanoTime()).as("events of " + atom + " dispatched within 20 s").isLessThan(until);
            Notifications.sleep(50);
        }
    }

    @Test
    void publishingAndDispatchingAgainAddsNoQueryPlan() {
        var alice = Peers.contributor(peers, "alice");
        var carol = Peers.contributor(peers, "carol");
        String atom = unique("plans");
        Fixtures.publish(alice, atom, "1.0.0", Fixtures.IN_OUT_HTTP);
        given().auth().oauth2(TestTokens.user(carol.subject())).put("/api/atoms/" + atom + "/subscription").then().statusCode(201);
        // every query of the path (publish, ledger, event, subscribers, notification) has run once
        publishAndDispatch(alice, atom, 1, 5);
        int before = cachedPlans();

        publishAndDispatch(alice, atom, 6, 30);

        // 30 publications, each dispatched to carol: a plan per call would add 30; background jobs may add a few of their own
        assertThat(cachedPlans() - before).as("query plans added by 30 more publications").isLessThan(5);
        assertThat(Db.count(ds, "SELECT count(*) FROM notification n JOIN catalog_event e ON e.id = n.event_id WHERE e.atom_name = ? AND e.version <> '1.0.0'", atom))
                .as("carol heard of each publication").isEqualTo(35);
    }
}
