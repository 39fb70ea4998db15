package org.plugin.privacy.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.plugin.common.persistence.NativeRows;
import org.plugin.common.time.Backoff;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.common.work.LeasedQueue;
import org.plugin.common.work.QueueCounts;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Erasure jobs, and their queue for common's leased-work loop: a claim is known by the lease it wrote. */
@ApplicationScoped
public class ErasureJobRepository implements PanacheRepositoryBase<ErasureJob, UUID>, LeasedQueue<UUID> {

    public Optional<ErasureJob> byContributor(UUID contributorId) {
        return find("contributorId", contributorId).firstResultOptional();
    }

    /** The contributor's job, row-locked until the transaction ends (a worker settling it waits, and is waited for). */
    public Optional<ErasureJob> byContributorForUpdate(UUID contributorId) {
        return find("contributorId", contributorId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The job, row-locked until the transaction ends. */
    public Optional<ErasureJob> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Admin list, soonest deadline first; {@code atRiskFrom} = now plus the at-risk margin. A job is
     * RUNNING only while its lease runs: one whose replica died is listed as RETRYING (see {@link ErasureJob#statusAt}).
     */
    public Page<ErasureJob> search(ErasureJob.Status status, Boolean atRisk, Instant now, Instant atRiskFrom, PageRequest page) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (status == ErasureJob.Status.RUNNING) {
            q.append(" and status = :status and leaseUntil >= :now");
            p.and("status", status).and("now", now);
        } else if (status == ErasureJob.Status.RETRYING) {
            q.append(" and (status = :status or (status = :running and (leaseUntil is null or leaseUntil < :now)))");
            p.and("status", status).and("running", ErasureJob.Status.RUNNING).and("now", now);
        } else if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (atRisk != null) {
            p.and("done", ErasureJob.Status.COMPLETED).and("from", atRiskFrom);
            q.append(atRisk ? " and status <> :done and deadline <= :from" : " and (status = :done or deadline > :from)");
        }
        return Paging.page(find(q.toString(), Sort.by("deadline").and("id"), p), page);
    }

    /** Jobs not done {@code margin} before their deadline, as of {@code atRiskFrom} = now + margin. */
    public long countAtRisk(Instant atRiskFrom) {
        return count("status <> ?1 and deadline <= ?2", ErasureJob.Status.COMPLETED, atRiskFrom);
    }

    /**
     * Claims up to {@code batch} due jobs no other replica holds ({@code FOR UPDATE SKIP LOCKED}),
     * and leases them until {@code leaseUntil} in the same transaction. A job whose lease expired
     * (its replica died or was restarted mid-run) is due again.
     */
    @Override
    public List<UUID> claimDue(Instant now, Instant leaseUntil, int batch) {
        List<UUID> ids = NativeRows.uuids(getEntityManager().createNativeQuery("""
                SELECT id FROM erasure_job
                 WHERE status <> 'COMPLETED' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                 ORDER BY next_attempt_at, id
                 LIMIT :batch
                 FOR UPDATE SKIP LOCKED""")
                .setParameter("now", now).setParameter("batch", batch).getResultList());
        if (!ids.isEmpty()) {
            update("leaseUntil = ?1, status = ?2, attempts = attempts + 1 where id in ?3", leaseUntil, ErasureJob.Status.RUNNING, ids);
        }
        return ids;
    }

    /** Claims one job, for an admin's retry-now; empty when it is done or another replica holds it. */
    public boolean claimOne(UUID id, Instant now, Instant leaseUntil) {
        List<UUID> ids = NativeRows.uuids(getEntityManager().createNativeQuery("""
                SELECT id FROM erasure_job
                 WHERE id = :id AND status <> 'COMPLETED' AND (lease_until IS NULL OR lease_until < :now)
                 FOR UPDATE SKIP LOCKED""")
                .setParameter("id", id).setParameter("now", now).getResultList());
        if (ids.isEmpty()) {
            return false;
        }
        update("leaseUntil = ?1, status = ?2, attempts = attempts + 1 where id = ?3", leaseUntil, ErasureJob.Status.RUNNING, id);
        return true;
    }

    @Override
    public boolean renewLease(UUID id, Instant heldUntil, Instant leaseUntil) {
        return update("leaseUntil = ?1 where id = ?2 and leaseUntil = ?3 and status = ?4", leaseUntil, id, heldUntil,
                ErasureJob.Status.RUNNING) == 1;
    }

    /**
     * Not all services confirmed: RETRYING, due again after the backoff for its attempts, unless it was
     * completed meanwhile or is held under another lease (taken over once this one ran out).
     */
    @Override
    public void retryLater(UUID id, Instant heldUntil, String error, Instant now, Backoff backoff) {
        ErasureJob job = lock(id).orElse(null);
        if (job == null || job.status == ErasureJob.Status.COMPLETED || !heldUntil.equals(job.leaseUntil)) {
            return;
        }
        job.leaseUntil = null;
        job.status = ErasureJob.Status.RETRYING;
        job.lastError = error.length() > 500 ? error.substring(0, 500) : error;
        job.nextAttemptAt = now.plus(backoff.after(job.attempts));
    }

    @Override
    public QueueCounts counts(Instant now) {
        return new QueueCounts(count("status <> ?1", ErasureJob.Status.COMPLETED),
                count("status = ?1 or (status = ?2 and (leaseUntil is null or leaseUntil < ?3))", ErasureJob.Status.RETRYING,
                        ErasureJob.Status.RUNNING, now));
    }
}
