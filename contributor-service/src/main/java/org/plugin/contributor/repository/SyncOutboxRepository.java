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
import org.plugin.contributor.repository.SyncOutbox.Target;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * The sync outbox, and its queue for common's leased-work loop: a claim is known by the lease it
 * wrote into {@code lease_until}; a row is settled for the generation the claim read.
 */
@ApplicationScoped
public class SyncOutboxRepository implements PanacheRepositoryBase<SyncOutbox, SyncOutbox.Key>, LeasedQueue<SyncOutbox> {

    /**
     * Marks the contributor's state as changed for {@code target}, in the caller's transaction (the one
     * that changes the contributor, whose row it holds locked). The request that made the change pushes
     * it as soon as it commits (whatever {@code next_attempt_at} says); the scheduled sender takes it
     * from {@code dueAt}, should that push not happen. A sender calling the target right now keeps its
     * lease: it sees the new generation when it settles and makes the row due again, so two sends for
     * one row never overlap and the last one sent carries the latest state.
     */
    public void markChanged(UUID contributorId, Target target, Instant now, Instant dueAt) {
        getEntityManager().createNativeQuery("""
                INSERT INTO sync_outbox (contributor_id, target, generation, created_at, changed_at, next_attempt_at)
                VALUES (:id, :target, 1, :now, :now, :due)
                ON CONFLICT (contributor_id, target) DO UPDATE SET
                    generation = sync_outbox.generation + 1,
                    changed_at = :now,
                    attempts = 0,
                    next_attempt_at = CASE WHEN sync_outbox.lease_until > :now THEN sync_outbox.next_attempt_at ELSE :due END""")
                .setParameter("id", contributorId)
                .setParameter("target", target.name())
                .setParameter("now", now)
                .setParameter("due", dueAt)
                .executeUpdate();
    }

    /**
     * Claims up to {@code batch} pending rows due at {@code now} that no sender holds
     * ({@code FOR UPDATE SKIP LOCKED}), leasing them until {@code leaseUntil}. Call in a transaction;
     * once it commits, the claim is a lease another sender respects until it expires.
     */
    @Override
    @SuppressWarnings("unchecked")
    public List<SyncOutbox> claimDue(Instant now, Instant leaseUntil, int batch) {
        List<SyncOutbox> due = getEntityManager().createNativeQuery("""
                SELECT * FROM sync_outbox
                WHERE synced_generation < generation AND next_attempt_at <= :now
                  AND (lease_until IS NULL OR lease_until <= :now)
                ORDER BY next_attempt_at, contributor_id, target
                LIMIT :batch
                FOR UPDATE SKIP LOCKED""", SyncOutbox.class)
                .setParameter("now", now)
                .setParameter("batch", batch)
                .getResultList();
        due.forEach(row -> lease(row, now, leaseUntil));
        return due;
    }

    /** Claims the contributor's pending rows, due or not (a change just made them due), that no sender holds. */
    @SuppressWarnings("unchecked")
    public List<SyncOutbox> claimPendingOf(UUID contributorId, Instant now, Instant leaseUntil) {
        List<SyncOutbox> rows = getEntityManager().createNativeQuery("""
                SELECT * FROM sync_outbox
                WHERE contributor_id = :id AND synced_generation < generation
                  AND (lease_until IS NULL OR lease_until <= :now)
                ORDER BY target
                FOR UPDATE SKIP LOCKED""", SyncOutbox.class)
                .setParameter("id", contributorId)
                .setParameter("now", now)
                .getResultList();
        rows.forEach(row -> lease(row, now, leaseUntil));
        return rows;
    }

    private static void lease(SyncOutbox row, Instant now, Instant leaseUntil) {
        row.leaseUntil = leaseUntil;
        row.lastAttemptAt = now;
    }

    @Override
    public boolean renewLease(SyncOutbox claimed, Instant heldUntil, Instant leaseUntil) {
        return getEntityManager().createNativeQuery("""
                UPDATE sync_outbox SET lease_until = :until
                WHERE contributor_id = :id AND target = :target AND lease_until = :held""")
                .setParameter("until", leaseUntil)
                .setParameter("id", claimed.contributorId)
                .setParameter("target", claimed.target.name())
                .setParameter("held", heldUntil)
                .executeUpdate() == 1;
    }

    /**
     * The target confirmed the generation the claim sent: the row is in step up to it, and due again
     * at once only if it changed meanwhile (it is then still pending). Nothing changes when the row was
     * erased meanwhile or taken over by another sender once this one's lease ran out (its outcome stands).
     */
    public boolean synced(SyncOutbox claimed, Instant heldUntil, Instant now) {
        SyncOutbox row = held(claimed, heldUntil);
        if (row == null) {
            return false;
        }
        row.syncedGeneration = Math.max(row.syncedGeneration, claimed.generation);
        row.syncedAt = now;
        row.lastError = null;
        row.attempts = 0;
        row.nextAttemptAt = now;
        return true;
    }

    /** Not in step: due again after the backoff, or at once when the contributor changed meanwhile (a newer change waits for no backoff). */
    @Override
    public void retryLater(SyncOutbox claimed, Instant heldUntil, String error, Instant now, Backoff backoff) {
        SyncOutbox row = held(claimed, heldUntil);
        if (row == null) {
            return;
        }
        row.lastError = error.length() > 500 ? error.substring(0, 500) : error;
        if (row.generation > claimed.generation) {
            row.nextAttemptAt = now;
            return;
        }
        row.attempts++;
        row.nextAttemptAt = now.plus(backoff.after(row.attempts));
    }

    /** The row, locked, with its lease released, if the claim still holds it; else null. */
    private SyncOutbox held(SyncOutbox claimed, Instant heldUntil) {
        SyncOutbox row = lock(claimed.contributorId, claimed.target).orElse(null);
        if (row == null || row.leaseUntil == null || !row.leaseUntil.equals(heldUntil)) {
            return null;
        }
        row.leaseUntil = null;
        return row;
    }

    @Override
    public QueueCounts counts(Instant now) {
        return new QueueCounts(count("syncedGeneration < generation"), count("syncedGeneration < generation and attempts > 0"));
    }

    public Optional<SyncOutbox> lock(UUID contributorId, Target target) {
        return Optional.ofNullable(findById(new SyncOutbox.Key(contributorId, target), LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<SyncOutbox> of(UUID contributorId, Target target) {
        return findByIdOptional(new SyncOutbox.Key(contributorId, target));
    }

    public long countPending(Target target) {
        return count("syncedGeneration < generation and target = ?1", target);
    }

    public long deleteForContributor(UUID contributorId) {
        return delete("contributorId", contributorId);
    }
}
