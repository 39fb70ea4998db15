package org.plugin.contributor.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class DeactivationOutboxRepository implements PanacheRepositoryBase<DeactivationOutbox, UUID> {

    /**
     * Claims up to {@code batch} undelivered events due at {@code now}: locks them with
     * {@code FOR UPDATE SKIP LOCKED} (so two replicas' senders never take the same row), counts the
     * attempt and moves {@code next_attempt_at} to {@code leaseUntil}. Once the calling transaction
     * commits, the claim is a lease: no sender takes the event again before it expires, and if the
     * claiming replica dies mid-call the event simply becomes due again. Call in a transaction.
     */
    public List<DeactivationOutbox> claimDue(Instant now, Instant leaseUntil, int batch) {
        @SuppressWarnings("unchecked")
        List<DeactivationOutbox> due = getEntityManager().createNativeQuery("""
                SELECT * FROM deactivation_outbox
                WHERE delivered_at IS NULL AND next_attempt_at <= :now
                ORDER BY next_attempt_at, event_id
                LIMIT :batch
                FOR UPDATE SKIP LOCKED""", DeactivationOutbox.class)
                .setParameter("now", now)
                .setParameter("batch", batch)
                .getResultList();
        for (DeactivationOutbox event : due) {
            event.attempts++;
            event.lastAttemptAt = now;
            event.nextAttemptAt = leaseUntil;
        }
        return due;
    }

    /** The event, its row locked for update: how a sender settles the outcome of its claim. */
    public Optional<DeactivationOutbox> lock(UUID eventId) {
        return findByIdOptional(eventId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<DeactivationOutbox> findByContributor(UUID contributorId) {
        return find("contributorId", contributorId).firstResultOptional();
    }

    public long countPending() {
        return count("deliveredAt is null");
    }
}
