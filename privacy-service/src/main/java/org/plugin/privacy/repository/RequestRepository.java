package org.plugin.privacy.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.plugin.common.time.Backoff;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.common.work.LeasedQueue;
import org.plugin.common.work.QueueCounts;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/**
 * Privacy requests, and the queue of their work for common's leased-work loop: a claim is known by the
 * lease it wrote (a change of the work by an admin clears the lease, so a late outcome changes nothing).
 */
@ApplicationScoped
public class RequestRepository implements PanacheRepositoryBase<PrivacyRequest, UUID>, LeasedQueue<UUID> {

    private static final Sort NEWEST_FIRST = Sort.descending("receivedAt").and("id", Sort.Direction.Descending);

    /**
     * {@code status in (?first, ?first+1, ...)}: one single-valued parameter per open status. Hibernate
     * reuses the SQL it made of a query whose parameters are single values, but translates a query with
     * a list parameter ({@code status in ?n}) again at every call: in an erasure run that was a tenth of
     * this service's CPU (deploy/bench/RESULTS.md).
     */
    private static String statusOpen(int first) {
        List<String> places = new ArrayList<>();
        for (int i = 0; i < PrivacyRequest.Status.OPEN.size(); i++) {
            places.add("?" + (first + i));
        }
        return "status in (" + String.join(", ", places) + ")";
    }

    /** The parameters given, then the open statuses (for {@link #statusOpen}). */
    private static Object[] andOpen(Object... leading) {
        List<Object> all = new ArrayList<>(List.of(leading));
        all.addAll(PrivacyRequest.Status.OPEN);
        return all.toArray();
    }

    private static final String OPEN_OF_SUBJECT_AND_TYPE = "subject = ?1 and type = ?2 and " + statusOpen(3);
    private static final String OPEN_OF_JOB = "erasureJobId = ?1 and " + statusOpen(2);
    private static final String OVERDUE = "dueDate < ?1 and " + statusOpen(2);

    public Optional<PrivacyRequest> findOpen(String subject, PrivacyRequest.Type type) {
        return find(OPEN_OF_SUBJECT_AND_TYPE, andOpen(subject, type)).firstResultOptional();
    }

    /** The request, row-locked until the transaction ends (an admin's decision and the worker's outcome wait for each other). */
    public Optional<PrivacyRequest> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The requests {@code subject} filed, newest first. */
    public Page<PrivacyRequest> bySubject(String subject, PageRequest page) {
        return Paging.page(find("subject", NEWEST_FIRST, subject), page);
    }

    public List<PrivacyRequest> allBySubject(String subject) {
        return list("subject", NEWEST_FIRST, subject);
    }

    public List<PrivacyRequest> byContributor(UUID contributorId) {
        return list("contributorId", Sort.by("receivedAt").and("id"), contributorId);
    }

    /** Admin list: filters by status, type and overdue (open and due before {@code today}), sorted by due date. */
    public Page<PrivacyRequest> search(PrivacyRequest.Status status, PrivacyRequest.Type type, Boolean overdue, LocalDate today, PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            where.add("status = :status");
            params.put("status", status);
        }
        if (type != null) {
            where.add("type = :type");
            params.put("type", type);
        }
        if (overdue != null) {
            params.put("open", PrivacyRequest.Status.OPEN);
            params.put("today", today);
            where.add(overdue ? "(status in :open and dueDate < :today)" : "(status not in :open or dueDate >= :today)");
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return Paging.page(find(query, Sort.by("dueDate").and("id"), params), page);
    }

    /** The open requests an erasure job completes. */
    public List<PrivacyRequest> openOfJob(UUID jobId) {
        return list(OPEN_OF_JOB, andOpen(jobId));
    }

    public long countOverdue(LocalDate today) {
        return count(OVERDUE, andOpen(today));
    }

    /**
     * Claims up to {@code batch} requests whose work is due and not leased by another replica:
     * {@code FOR UPDATE SKIP LOCKED} makes two replicas take disjoint rows; the lease written in the
     * same transaction keeps them off while the work runs outside it, and lets another replica take
     * over once it expires (a replica that died mid-way).
     */
    @Override
    @SuppressWarnings("unchecked")
    public List<UUID> claimDue(Instant now, Instant leaseUntil, int batch) {
        List<UUID> ids = getEntityManager().createNativeQuery("""
                SELECT id FROM privacy_request
                 WHERE work IS NOT NULL AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                 ORDER BY next_attempt_at, id
                 LIMIT :batch
                 FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter("now", now).setParameter("batch", batch).getResultList();
        if (!ids.isEmpty()) {
            update("leaseUntil = ?1, workAttempts = workAttempts + 1 where id in ?2", leaseUntil, ids);
        }
        return ids;
    }

    @Override
    public boolean renewLease(UUID id, Instant heldUntil, Instant leaseUntil) {
        return update("leaseUntil = ?1 where id = ?2 and leaseUntil = ?3 and work is not null", leaseUntil, id, heldUntil) == 1;
    }

    /** The work failed: due again after the backoff for its attempts, unless it changed or was taken over meanwhile. */
    @Override
    public void retryLater(UUID id, Instant heldUntil, String error, Instant now, Backoff backoff) {
        PrivacyRequest r = lock(id).orElse(null);
        if (r == null || r.work == null || !heldUntil.equals(r.leaseUntil)) {
            return;
        }
        r.lastError = error.length() > 500 ? error.substring(0, 500) : error;
        r.leaseUntil = null;
        r.nextAttemptAt = now.plus(backoff.after(r.workAttempts));
    }

    @Override
    public QueueCounts counts(Instant now) {
        return new QueueCounts(count("work is not null"), count("work is not null and lastError is not null"));
    }
}
