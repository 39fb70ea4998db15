package org.plugin.common.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.plugin.common.time.PlatformClock;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The answers to requests sent with an Idempotency-Key, kept 24 hours in the service's own
 * database (table {@code idempotency_key}, created by each service's migrations). A key is claimed
 * in the transaction that then runs the request, so the request's writes and the answer kept for
 * its retries commit together or not at all.
 */
@ApplicationScoped
public class IdempotencyStore {

    public static final Duration RETENTION = Duration.ofHours(24);

    /** A stored answer: the status, the Location if any, the JSON body if any. */
    public record Answer(String fingerprint, Integer status, String location, String body) {
    }

    private final EntityManager em;
    private final PlatformClock clock;

    protected IdempotencyStore(EntityManager em, PlatformClock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Claims the key for this request, in the current transaction. Empty: the key is new (or its
     * previous use expired), the request runs. Present: the answer kept for the key; a concurrent
     * request with the same key waits here until the first one commits or rolls back.
     */
    public Optional<Answer> claim(String caller, String key, String fingerprint) {
        Instant now = clock.now();
        em.createNativeQuery("DELETE FROM idempotency_key WHERE caller = ?1 AND idempotency_key = ?2 AND created_at < ?3")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, now.minus(RETENTION)).executeUpdate();
        int inserted = em.createNativeQuery("INSERT INTO idempotency_key (caller, idempotency_key, fingerprint, created_at) "
                + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, fingerprint).setParameter(4, now).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT fingerprint, status, location, body FROM idempotency_key "
                + "WHERE caller = ?1 AND idempotency_key = ?2").setParameter(1, caller).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            // its holder rolled back between our insert and this read: claim again
            return claim(caller, key, fingerprint);
        }
        Object[] row = rows.get(0);
        return Optional.of(new Answer((String) row[0], row[1] == null ? null : ((Number) row[1]).intValue(), (String) row[2],
                (String) row[3]));
    }

    /** Keeps the answer for the claimed key (same transaction as the claim). */
    public void keep(String caller, String key, int status, String location, String body) {
        em.createNativeQuery("UPDATE idempotency_key SET status = ?3, location = ?4, body = ?5 WHERE caller = ?1 AND idempotency_key = ?2")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, status).setParameter(4, location)
                .setParameter(5, body).executeUpdate();
    }

    /** Releases the claimed key: the request did not succeed, a retry with the same key runs it again. */
    public void release(String caller, String key) {
        em.createNativeQuery("DELETE FROM idempotency_key WHERE caller = ?1 AND idempotency_key = ?2")
                .setParameter(1, caller).setParameter(2, key).executeUpdate();
    }

    /** Erasure: the answers kept for a person's requests (they may hold their data) go with them. */
    public int forget(String caller) {
        return em.createNativeQuery("DELETE FROM idempotency_key WHERE caller = ?1").setParameter(1, caller).executeUpdate();
    }

    /** Hourly: answers older than the retention are deleted (a claim ignores them anyway). */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?1")
                .setParameter(1, clock.now().minus(RETENTION)).executeUpdate());
    }
}
