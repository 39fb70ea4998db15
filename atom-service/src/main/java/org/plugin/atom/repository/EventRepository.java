package org.plugin.atom.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The catalog's events ({@code catalog_event}) and what the dispatcher asks about their recipients:
 * owners of chains that use an Atom (or one version of it) and the Atom's subscribers.
 */
@ApplicationScoped
public class EventRepository {

    /** The key of the advisory lock only the dispatching replica holds (any constant unique in this database). */
    public static final long DISPATCHER_LOCK = 0x16A_E7E7L;

    /** An event not dispatched yet. */
    public record PendingEvent(long id, String type, UUID atomId, String atomName, String version, Instant occurredAt, int attempts) {
    }

    private final EntityManager em;

    EventRepository(EntityManager em) {
        this.em = em;
    }

    /** Records an event in the caller's transaction; answers its id. */
    public long record(String type, UUID atomId, String atomName, String version, Instant occurredAt) {
        Object id = em.createNativeQuery("INSERT INTO catalog_event (type, atom_id, atom_name, version, occurred_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id")
                .setParameter(1, type).setParameter(2, atomId).setParameter(3, atomName).setParameter(4, version)
                .setParameter(5, occurredAt).getSingleResult();
        return ((Number) id).longValue();
    }

    /**
     * Takes the dispatcher's advisory lock for the current transaction, without waiting: false when
     * another transaction (another replica's dispatcher) holds it.
     */
    public boolean tryDispatcherLock() {
        Object got = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, DISPATCHER_LOCK).getSingleResult();
        return Boolean.TRUE.equals(got);
    }

    /**
     * Waits for the dispatcher's advisory lock in shared mode and holds it until the end of the current
     * transaction: an erasure then never interleaves with a dispatch that read the person's
     * subscriptions or chains (the dispatcher's {@link #tryDispatcherLock} is exclusive, so it waits
     * for every erasure holding it), while erasures of different people do not wait for each other.
     */
    public void holdDispatcherLockShared() {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock_shared(?1)) AS locked").setParameter(1, DISPATCHER_LOCK)
                .getSingleResult();
    }

    /**
     * The oldest due event whose Atom has no older event waiting: events of one Atom go out in the
     * order they were recorded (its changes lock its row, so that is the order of their commits),
     * and an event that keeps failing holds back only its own Atom's.
     */
    public Optional<PendingEvent> nextDue(Instant now) {
        List<?> rows = em.createNativeQuery("SELECT e.id, e.type, e.atom_id, e.atom_name, e.version, e.occurred_at, e.attempts "
                + "FROM catalog_event e WHERE e.dispatched_at IS NULL AND (e.due_at IS NULL OR e.due_at <= ?1) "
                + "AND NOT EXISTS (SELECT 1 FROM catalog_event p WHERE p.dispatched_at IS NULL AND p.atom_name = e.atom_name AND p.id < e.id) "
                + "ORDER BY e.id LIMIT 1").setParameter(1, now).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new PendingEvent(((Number) r[0]).longValue(), (String) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                Rows.toInstant(r[5]), ((Number) r[6]).intValue()));
    }

    public void markDispatched(long id, Instant at) {
        em.createNativeQuery("UPDATE catalog_event SET dispatched_at = ?2, last_error = NULL WHERE id = ?1 AND dispatched_at IS NULL")
                .setParameter(1, id).setParameter(2, at).executeUpdate();
    }

    /** A dispatch failed: counted, its error kept (exception types only), due again at {@code dueAt}. */
    public void failed(long id, String error, Instant dueAt) {
        em.createNativeQuery("UPDATE catalog_event SET attempts = attempts + 1, last_error = left(?2, 300), due_at = ?3 "
                + "WHERE id = ?1 AND dispatched_at IS NULL").setParameter(1, id).setParameter(2, error).setParameter(3, dueAt).executeUpdate();
    }

    /** Events not dispatched yet, and how many of them failed at least once. */
    public long[] pendingCounts() {
        Object[] r = (Object[]) em.createNativeQuery("SELECT count(*), count(*) FILTER (WHERE attempts > 0) FROM catalog_event "
                + "WHERE dispatched_at IS NULL").getSingleResult();
        return new long[] { ((Number) r[0]).longValue(), ((Number) r[1]).longValue() };
    }

    /**
     * The owners of chains using the Atom ({@code version} null) or one version of it, each with the
     * names of those chains, sorted; chains of no one (an erased owner) are left out.
     */
    public Map<UUID, List<String>> chainOwners(UUID atomId, String version) {
        String sql = "SELECT DISTINCT c.owner_id, c.name FROM chain c JOIN chain_node n ON n.chain_id = c.id "
                + "JOIN atom_version v ON v.id = n.version_id WHERE v.atom_id = ?1 AND c.owner_id IS NOT NULL"
                + (version == null ? "" : " AND v.version = ?2") + " ORDER BY c.owner_id, c.name";
        var query = em.createNativeQuery(sql).setParameter(1, atomId);
        if (version != null) {
            query.setParameter(2, version);
        }
        Map<UUID, List<String>> owners = new LinkedHashMap<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            owners.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        return owners;
    }
}
