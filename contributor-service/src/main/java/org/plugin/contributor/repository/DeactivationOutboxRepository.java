package org.plugin.contributor.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.plugin.common.time.Backoff;
import org.plugin.common.work.LeasedQueue;
import org.plugin.common.work.QueueCounts;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * The deactivation outbox, and its queue for common's leased-work loop: the lease of a claim is its
 * {@code next_attempt_at}, and a claim is known by its attempt number ({@code attempts}).
 */
@ApplicationScoped
public class DeactivationOutboxRepository implements PanacheRepositoryBase<DeactivationOutbox, UUID>, LeasedQueue<DeactivationOutbox> {

    /**
     * Claims up to {@code batch} undelivered events due at {@code now}: locks them with
     * {@code FOR UPDATE SKIP LOCKED} (so two replicas' senders never take the same row), counts the
     * attempt and moves {@code next_attempt_at} to {@code leaseUntil}. Once the calling transaction
     * commits, the claim is a lease: no sender takes the event again before it expires, and if the
     * claiming replica dies mid-call the event simply becomes due again. Call in a transaction.
     */
    @Override
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

    /** Moves the lease of a claim still in force (same attempt, not delivered, the lease it wrote). */
    @Override
    public boolean renewLease(DeactivationOutbox claimed, Instant heldUntil, Instant leaseUntil) {
        return getEntityManager().createNativeQuery("""
                UPDATE deactivation_outbox SET next_attempt_at = :until
                WHERE event_id = :id AND delivered_at IS NULL AND attempts = :attempt AND next_attempt_at = :held""")
                .setParameter("until", leaseUntil)
                .setParameter("id", claimed.eventId)
                .setParameter("attempt", claimed.attempts)
                .setParameter("held", heldUntil)
                .executeUpdate() == 1;
    }

    /**
     * Not delivered by this attempt: due again after the backoff, with the reason, unless delivered
     * meanwhile or claimed again by another sender once this one's lease ran out (its outcome stands).
     */
    @Override
    public void retryLater(DeactivationOutbox claimed, Instant heldUntil, String error, Instant now, Backoff backoff) {
        var event = lock(claimed.eventId).orElse(null);
        if (event == null || event.deliveredAt != null || event.attempts != claimed.attempts) {
            return;
        }
        event.nextAttemptAt = now.plus(backoff.after(claimed.attempts));
        event.lastError = error.length() > 500 ? error.substring(0, 500) : error;
    }

    /** Delivered by the claim of attempt {@code attempt}; a confirmation stands whoever holds the event now. */
    public void delivered(UUID eventId, Instant now) {
        var event = lock(eventId).orElse(null);
        if (event == null || event.deliveredAt != null) {
            return; // confirmed meanwhile by a replica that took the event after this one's lease ran out
        }
        event.deliveredAt = now;
        event.lastError = null;
    }

    @Override
    public QueueCounts counts(Instant now) {
        return new QueueCounts(countPending(), count("deliveredAt is null and lastError is not null"));
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
