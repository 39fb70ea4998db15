package org.plugin.privacy.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ErasureJobRepository implements PanacheRepositoryBase<ErasureJob, UUID> {

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

    /** Admin list, soonest deadline first; {@code atRiskFrom} = now plus the at-risk margin. */
    public Page<ErasureJob> search(ErasureJob.Status status, Boolean atRisk, Instant atRiskFrom, PageRequest page) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (status != null) {
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
    @SuppressWarnings("unchecked")
    public List<UUID> claimDue(Instant now, Instant leaseUntil, int batch) {
        List<UUID> ids = getEntityManager().createNativeQuery("""
                SELECT id FROM erasure_job
                 WHERE status <> 'COMPLETED' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                 ORDER BY next_attempt_at, id
                 LIMIT :batch
                 FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter("now", now).setParameter("batch", batch).getResultList();
        if (!ids.isEmpty()) {
            update("leaseUntil = ?1, status = ?2, attempts = attempts + 1 where id in ?3", leaseUntil, ErasureJob.Status.RUNNING, ids);
        }
        return ids;
    }

    /** Claims one job, for an admin's retry-now; empty when it is done or another replica holds it. */
    @SuppressWarnings("unchecked")
    public boolean claimOne(UUID id, Instant now, Instant leaseUntil) {
        List<UUID> ids = getEntityManager().createNativeQuery("""
                SELECT id FROM erasure_job
                 WHERE id = :id AND status <> 'COMPLETED' AND (lease_until IS NULL OR lease_until < :now)
                 FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter("id", id).setParameter("now", now).getResultList();
        if (ids.isEmpty()) {
            return false;
        }
        update("leaseUntil = ?1, status = ?2, attempts = attempts + 1 where id = ?3", leaseUntil, ErasureJob.Status.RUNNING, id);
        return true;
    }
}
