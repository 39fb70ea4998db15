package org.plugin.privacy.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.plugin.common.time.PlatformClock;
import org.plugin.privacy.repository.ErasureJobRepository;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The erasure lanes' claims keep one query plan each in Hibernate's cache, however often they run. A
 * native query created with a result class used to add a plan at every call (its cache key equals only
 * itself), so each claim compared its key with every copy cached before.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class QueryPlanCacheTest {

    @Inject
    SessionFactory sessions;

    @Inject
    ErasureJobRepository jobs;

    @Inject
    PlatformClock clock;

    int cachedPlans() {
        return sessions.unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache().getNumberOfCachedQueryPlans();
    }

    void claims(int times) {
        for (int i = 0; i < times; i++) {
            Instant now = clock.instant();
            // nothing was due ten years ago and the id is unknown: the statements run, nothing is claimed
            QuarkusTransaction.requiringNew().run(() -> {
                jobs.claimDue(now.minus(Duration.ofDays(3650)), now.plus(Duration.ofMinutes(2)), 1);
                assertThat(jobs.claimOne(UUID.randomUUID(), now, now.plus(Duration.ofMinutes(2)))).isFalse();
            });
        }
    }

    @Test
    void claimingAgainAddsNoQueryPlan() {
        claims(3);
        int before = cachedPlans();

        claims(40);

        // a plan per call would add 80; background jobs may add a few of their own
        assertThat(cachedPlans() - before).as("query plans added by 40 more rounds of claims").isLessThan(5);
    }
}
