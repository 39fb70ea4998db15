package org.plugin.atom.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.plugin.common.time.Backoff;
import org.plugin.common.work.LeasedQueue;
import org.plugin.common.work.QueueCounts;

/**
 * The webhook outbox ({@code webhook_delivery}) and its attempts ({@code webhook_attempt}), and the
 * queue of common's leased-work loop over it: the lease of a claim is its {@code next_attempt_at},
 * and a claim is known by its attempt number.
 */
@ApplicationScoped
public class WebhookDeliveryRepository implements LeasedQueue<WebhookDeliveryRepository.Claimed> {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    /** A claimed delivery, with what sending it needs. {@code attempt} is this claim's attempt number. */
    public record Claimed(UUID id, UUID webhookId, long eventId, String eventType, String body, Instant createdAt, int attempt, String url,
            String secret) {
        @Override
        public String toString() {
            return "delivery " + id; // never the URL or the secret: this is logged
        }
    }

    /** One attempt as its webhook's owner sees it. */
    public record Attempt(UUID deliveryId, long eventId, String eventType, int attempt, Instant attemptedAt, Integer statusCode,
            String error, int durationMs, String state) {
    }

    /** A delivery as its webhook's owner's export shows it. */
    public record DeliveryRow(UUID id, UUID webhookId, long eventId, String eventType, String state, int attempts, Instant createdAt,
            Instant deliveredAt, Integer lastStatus, String lastError) {
    }

    private final EntityManager em;

    WebhookDeliveryRepository(EntityManager em) {
        this.em = em;
    }

    /** Queues one delivery unless this event already has one for this webhook. Call in the caller's transaction. */
    public void enqueue(UUID webhookId, long eventId, String eventType, String body, Instant occurredAt, Instant now) {
        em.createNativeQuery("""
                INSERT INTO webhook_delivery (id, webhook_id, event_id, event_type, body, occurred_at, created_at, state, attempts, next_attempt_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'PENDING', 0, ?7)
                ON CONFLICT ON CONSTRAINT webhook_delivery_once DO NOTHING""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, webhookId).setParameter(3, eventId).setParameter(4, eventType)
                .setParameter(5, body).setParameter(6, occurredAt).setParameter(7, now).executeUpdate();
    }

    /**
     * Claims up to {@code batch} pending deliveries due at {@code now} of enabled webhooks, oldest
     * first, skipping rows another replica holds ({@code FOR UPDATE SKIP LOCKED}); counts the attempt
     * and leases them until {@code leaseUntil}.
     */
    @Override
    public List<Claimed> claimDue(Instant now, Instant leaseUntil, int batch) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH due AS (
                    SELECT d.id FROM webhook_delivery d
                    WHERE d.state = 'PENDING' AND d.next_attempt_at <= ?1
                    ORDER BY d.next_attempt_at, d.event_id
                    LIMIT ?3
                    FOR UPDATE OF d SKIP LOCKED)
                UPDATE webhook_delivery d SET attempts = d.attempts + 1, last_attempt_at = ?1, next_attempt_at = ?2
                FROM due, webhook w
                WHERE d.id = due.id AND w.id = d.webhook_id
                RETURNING d.id, d.webhook_id, d.event_id, d.event_type, d.body, d.created_at, d.attempts, w.url, w.secret""")
                .setParameter(1, now).setParameter(2, leaseUntil).setParameter(3, batch).getResultList();
        List<Claimed> claimed = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            claimed.add(new Claimed((UUID) r[0], (UUID) r[1], ((Number) r[2]).longValue(), (String) r[3], (String) r[4], Rows.toInstant(r[5]),
                    ((Number) r[6]).intValue(), (String) r[7], (String) r[8]));
        }
        return claimed;
    }

    @Override
    public boolean renewLease(Claimed item, Instant heldUntil, Instant leaseUntil) {
        return em.createNativeQuery("""
                UPDATE webhook_delivery SET next_attempt_at = ?1
                WHERE id = ?2 AND state = 'PENDING' AND attempts = ?3 AND next_attempt_at = ?4""")
                .setParameter(1, leaseUntil).setParameter(2, item.id()).setParameter(3, item.attempt()).setParameter(4, heldUntil)
                .executeUpdate() == 1;
    }

    /** The step threw: due again after the backoff, unless settled or taken over meanwhile. */
    @Override
    public void retryLater(Claimed item, Instant heldUntil, String error, Instant now, Backoff backoff) {
        settle(item, heldUntil, PENDING, now.plus(backoff.after(item.attempt())), null, error, null);
    }

    /**
     * Records the outcome of the claim of {@code item} still held under {@code heldUntil}: the new
     * state, when it is due again (PENDING), the status or error. False (nothing changed) when the claim
     * was settled or taken over meanwhile.
     */
    public boolean settle(Claimed item, Instant heldUntil, String state, Instant nextAttemptAt, Integer status, String error,
            Instant deliveredAt) {
        return em.createNativeQuery("""
                UPDATE webhook_delivery SET state = ?1, next_attempt_at = COALESCE(?2, next_attempt_at), last_status = ?3, last_error = ?4,
                    delivered_at = ?5
                WHERE id = ?6 AND state = 'PENDING' AND attempts = ?7 AND next_attempt_at = ?8""")
                .setParameter(1, state).setParameter(2, nextAttemptAt).setParameter(3, status).setParameter(4, cap(error))
                .setParameter(5, deliveredAt).setParameter(6, item.id()).setParameter(7, item.attempt()).setParameter(8, heldUntil)
                .executeUpdate() == 1;
    }

    /** Records an attempt, unless its delivery is gone meanwhile (its webhook deleted, its owner erased). */
    public void recordAttempt(Claimed item, Instant attemptedAt, Integer status, String error, int durationMs) {
        em.createNativeQuery("""
                INSERT INTO webhook_attempt (delivery_id, webhook_id, attempt, attempted_at, status_code, error, duration_ms)
                SELECT d.id, d.webhook_id, CAST(?3 AS integer), CAST(?4 AS timestamptz), CAST(?5 AS integer), CAST(?6 AS varchar), CAST(?7 AS integer)
                FROM webhook_delivery d WHERE d.id = ?1 AND d.webhook_id = ?2
                FOR KEY SHARE""")
                .setParameter(1, item.id()).setParameter(2, item.webhookId()).setParameter(3, item.attempt()).setParameter(4, attemptedAt)
                .setParameter(5, status).setParameter(6, cap(error)).setParameter(7, durationMs).executeUpdate();
    }

    /** Gives up every pending delivery of a webhook (it was disabled); answers how many. */
    public int failPending(UUID webhookId, String reason) {
        return em.createNativeQuery("UPDATE webhook_delivery SET state = 'FAILED', last_error = ?2 WHERE webhook_id = ?1 AND state = 'PENDING'")
                .setParameter(1, webhookId).setParameter(2, cap(reason)).executeUpdate();
    }

    /** The last attempts at a webhook's deliveries, newest first. */
    public List<Attempt> attempts(UUID webhookId, int limit, int offset) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT a.delivery_id, d.event_id, d.event_type, a.attempt, a.attempted_at, a.status_code, a.error, a.duration_ms, d.state
                FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
                WHERE a.webhook_id = ?1
                ORDER BY a.attempted_at DESC, a.id DESC
                LIMIT ?2 OFFSET ?3""").setParameter(1, webhookId).setParameter(2, limit).setParameter(3, offset).getResultList();
        return rows.stream().map(r -> new Attempt((UUID) r[0], ((Number) r[1]).longValue(), (String) r[2], ((Number) r[3]).intValue(),
                Rows.toInstant(r[4]), r[5] == null ? null : ((Number) r[5]).intValue(), (String) r[6], ((Number) r[7]).intValue(),
                (String) r[8])).toList();
    }

    public long countAttempts(UUID webhookId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM webhook_attempt WHERE webhook_id = ?1").setParameter(1, webhookId)
                .getSingleResult()).longValue();
    }

    /** Every delivery to an owner's webhooks, for their export, oldest first. */
    public List<DeliveryRow> deliveriesOfOwner(UUID ownerId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT d.id, d.webhook_id, d.event_id, d.event_type, d.state, d.attempts, d.created_at, d.delivered_at, d.last_status, d.last_error
                FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
                WHERE w.owner_id = ?1
                ORDER BY d.created_at, d.id""").setParameter(1, ownerId).getResultList();
        return rows.stream().map(r -> new DeliveryRow((UUID) r[0], (UUID) r[1], ((Number) r[2]).longValue(), (String) r[3], (String) r[4],
                ((Number) r[5]).intValue(), Rows.toInstant(r[6]), r[7] == null ? null : Rows.toInstant(r[7]),
                r[8] == null ? null : ((Number) r[8]).intValue(), (String) r[9])).toList();
    }

    /** Deletes settled deliveries (and their attempts) created before {@code before}; answers how many. */
    public int purgeSettled(Instant before) {
        return em.createNativeQuery("DELETE FROM webhook_delivery WHERE state <> 'PENDING' AND created_at < ?1").setParameter(1, before)
                .executeUpdate();
    }

    @Override
    public QueueCounts counts(Instant now) {
        Object[] r = (Object[]) em.createNativeQuery("""
                SELECT count(*), count(*) FILTER (WHERE last_error IS NOT NULL OR last_status IS NOT NULL)
                FROM webhook_delivery WHERE state = 'PENDING'""").getSingleResult();
        return new QueueCounts(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }

    private static String cap(String s) {
        return s == null || s.length() <= 300 ? s : s.substring(0, 300);
    }
}
