package org.plugin.contributor.repository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class DeactivationOutboxRepository implements PanacheRepositoryBase<DeactivationOutbox, UUID> {

    /**
     * Locks the undelivered row due first at {@code now}, skipping rows another transaction (another
     * replica's sender) holds, so no two senders ever work on the same row. Call in a transaction;
     * the lock lasts until it ends.
     */
    @SuppressWarnings("unchecked")
    public Optional<DeactivationOutbox> claimNextDue(Instant now) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM deactivation_outbox
                WHERE delivered_at IS NULL AND next_attempt_at <= :now
                ORDER BY next_attempt_at, event_id
                LIMIT 1
                FOR UPDATE SKIP LOCKED""", DeactivationOutbox.class)
                .setParameter("now", now)
                .getResultStream().findFirst();
    }

    public Optional<DeactivationOutbox> findByContributor(UUID contributorId) {
        return find("contributorId", contributorId).firstResultOptional();
    }

    public long countPending() {
        return count("deliveredAt is null");
    }
}
