package org.plugin.atom.repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.plugin.common.persistence.NativeRows;

/** Subscriptions to Atoms ({@code atom_subscription}) and in-app notifications ({@code notification}) of contributors. */
@ApplicationScoped
public class NotificationRepository {

    /** One notification as stored; {@code eventId} null for a notice about a webhook. */
    public record NotificationRow(UUID id, UUID recipientId, Long eventId, String type, String atomName, String version, List<String> chains,
            UUID webhookId, String webhookUrl, String reason, Instant occurredAt, Instant createdAt, Instant readAt) {
    }

    public record SubscriptionRow(String atomName, Instant createdAt) {
    }

    public record Listing(List<NotificationRow> items, long total) {
    }

    private static final String COLUMNS = "id, recipient_id, event_id, type, atom_name, version, array_to_string(chains, ','), webhook_id, "
            + "webhook_url, reason, occurred_at, created_at, read_at";
    /** Unread first, then newest; the id breaks ties so that pages never overlap. */
    private static final String ORDER = " ORDER BY (read_at IS NOT NULL), occurred_at DESC, id DESC";

    private final EntityManager em;

    NotificationRepository(EntityManager em) {
        this.em = em;
    }

    // ---- subscriptions ----

    /** Subscribes; false when the subscription existed already (unchanged). */
    public boolean subscribe(UUID contributorId, String atomName, Instant at) {
        return em.createNativeQuery("INSERT INTO atom_subscription (contributor_id, atom_name, created_at) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT DO NOTHING").setParameter(1, contributorId).setParameter(2, atomName).setParameter(3, at).executeUpdate() == 1;
    }

    public Optional<SubscriptionRow> subscription(UUID contributorId, String atomName) {
        List<?> rows = em.createNativeQuery("SELECT atom_name, created_at FROM atom_subscription WHERE contributor_id = ?1 AND atom_name = ?2")
                .setParameter(1, contributorId).setParameter(2, atomName).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(subscriptionRow((Object[]) rows.get(0)));
    }

    public boolean unsubscribe(UUID contributorId, String atomName) {
        return em.createNativeQuery("DELETE FROM atom_subscription WHERE contributor_id = ?1 AND atom_name = ?2")
                .setParameter(1, contributorId).setParameter(2, atomName).executeUpdate() > 0;
    }

    public List<UUID> subscribers(String atomName) {
        return NativeRows.uuids(em.createNativeQuery("SELECT contributor_id FROM atom_subscription WHERE atom_name = ?1 ORDER BY contributor_id")
                .setParameter(1, atomName).getResultList());
    }

    /** Forgets every subscription to an Atom that is gone (its removal dispatched, or its tombstone purged). */
    public int dropSubscriptionsTo(String atomName) {
        return em.createNativeQuery("DELETE FROM atom_subscription WHERE atom_name = ?1").setParameter(1, atomName).executeUpdate();
    }

    public List<SubscriptionRow> subscriptionsOf(UUID contributorId) {
        return em.createNativeQuery("SELECT atom_name, created_at FROM atom_subscription WHERE contributor_id = ?1 ORDER BY atom_name")
                .setParameter(1, contributorId).getResultList().stream().map(r -> subscriptionRow((Object[]) r)).toList();
    }

    public int deleteSubscriptionsOf(UUID contributorId) {
        return em.createNativeQuery("DELETE FROM atom_subscription WHERE contributor_id = ?1").setParameter(1, contributorId).executeUpdate();
    }

    private static SubscriptionRow subscriptionRow(Object[] r) {
        return new SubscriptionRow((String) r[0], Rows.toInstant(r[1]));
    }

    // ---- notifications ----

    /** Stores a notification; a second one for the same recipient and event is ignored (a repeated dispatch). */
    public void insert(NotificationRow n) {
        em.createNativeQuery("INSERT INTO notification (id, recipient_id, event_id, type, atom_name, version, chains, webhook_id, webhook_url, "
                + "reason, occurred_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, string_to_array(?7, ','), ?8, ?9, ?10, ?11, ?12) "
                + "ON CONFLICT DO NOTHING")
                .setParameter(1, n.id()).setParameter(2, n.recipientId()).setParameter(3, n.eventId()).setParameter(4, n.type())
                .setParameter(5, n.atomName()).setParameter(6, n.version()).setParameter(7, String.join(",", n.chains()))
                .setParameter(8, n.webhookId()).setParameter(9, n.webhookUrl()).setParameter(10, n.reason())
                .setParameter(11, n.occurredAt()).setParameter(12, n.createdAt()).executeUpdate();
    }

    /** A page of the recipient's notifications (only unread ones with {@code unreadOnly}), unread first, then newest. */
    public Listing page(UUID recipientId, boolean unreadOnly, int limit, int offset) {
        String where = " FROM notification WHERE recipient_id = ?1" + (unreadOnly ? " AND read_at IS NULL" : "");
        long total = ((Number) em.createNativeQuery("SELECT count(*)" + where).setParameter(1, recipientId).getSingleResult()).longValue();
        List<NotificationRow> items = em.createNativeQuery("SELECT " + COLUMNS + where + ORDER + " LIMIT ?2 OFFSET ?3")
                .setParameter(1, recipientId).setParameter(2, limit).setParameter(3, offset).getResultList().stream()
                .map(r -> row((Object[]) r)).toList();
        return new Listing(items, total);
    }

    public Optional<NotificationRow> find(UUID recipientId, UUID id) {
        List<?> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM notification WHERE recipient_id = ?1 AND id = ?2")
                .setParameter(1, recipientId).setParameter(2, id).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(row((Object[]) rows.get(0)));
    }

    /** Marks one of the recipient's notifications read (a read one keeps its first time); false when it is not theirs. */
    public boolean markRead(UUID recipientId, UUID id, Instant at) {
        return em.createNativeQuery("UPDATE notification SET read_at = coalesce(read_at, ?3) WHERE recipient_id = ?1 AND id = ?2")
                .setParameter(1, recipientId).setParameter(2, id).setParameter(3, at).executeUpdate() > 0;
    }

    /** Marks every unread notification of the recipient read; answers how many were. */
    public int markAllRead(UUID recipientId, Instant at) {
        return em.createNativeQuery("UPDATE notification SET read_at = ?2 WHERE recipient_id = ?1 AND read_at IS NULL")
                .setParameter(1, recipientId).setParameter(2, at).executeUpdate();
    }

    /** Every notification of the recipient, newest first (exports). */
    public List<NotificationRow> notificationsOf(UUID recipientId) {
        return em.createNativeQuery("SELECT " + COLUMNS + " FROM notification WHERE recipient_id = ?1 ORDER BY occurred_at DESC, id DESC")
                .setParameter(1, recipientId).getResultList().stream().map(r -> row((Object[]) r)).toList();
    }

    public int deleteNotificationsOf(UUID recipientId) {
        return em.createNativeQuery("DELETE FROM notification WHERE recipient_id = ?1").setParameter(1, recipientId).executeUpdate();
    }

    private static NotificationRow row(Object[] r) {
        String chains = (String) r[6];
        return new NotificationRow((UUID) r[0], (UUID) r[1], r[2] == null ? null : ((Number) r[2]).longValue(), (String) r[3], (String) r[4],
                (String) r[5], chains == null || chains.isEmpty() ? List.of() : Arrays.asList(chains.split(",")), (UUID) r[7], (String) r[8],
                (String) r[9], Rows.toInstant(r[10]), Rows.toInstant(r[11]), r[12] == null ? null : Rows.toInstant(r[12]));
    }
}
