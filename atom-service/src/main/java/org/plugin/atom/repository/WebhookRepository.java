package org.plugin.atom.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Webhooks by owner; the delivery outbox is {@link WebhookDeliveryRepository}'s. */
@ApplicationScoped
public class WebhookRepository implements PanacheRepositoryBase<Webhook, UUID> {

    /** An owner's webhooks, oldest first. */
    public List<Webhook> byOwner(UUID ownerId, int limit, int offset) {
        return find("ownerId = ?1 order by createdAt, id", ownerId).range(offset, offset + limit - 1).list();
    }

    public long countByOwner(UUID ownerId) {
        return count("ownerId", ownerId);
    }

    /** Every webhook of an owner, for their export (read-only). */
    public List<Webhook> allByOwner(UUID ownerId) {
        return find("ownerId = ?1 order by createdAt, id", ownerId).withHint("org.hibernate.readOnly", true).list();
    }

    /** The enabled webhooks of these owners: where an event goes. */
    public List<Webhook> enabledOf(java.util.Collection<UUID> owners) {
        if (owners.isEmpty()) {
            return List.of();
        }
        return find("ownerId in ?1 and enabled = true", owners).list();
    }

    /** The webhook, its row locked: how a delivery's outcome is counted against it. */
    public Optional<Webhook> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Serializes the creations of one owner's webhooks (their number is capped) until the end of the transaction. */
    public void lockOwner(UUID ownerId) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "webhooks:" + ownerId)
                .getSingleResult();
    }

    /** Deletes an owner's webhooks, their deliveries and attempts (cascade); answers how many webhooks. */
    public int deleteByOwner(UUID ownerId) {
        return (int) delete("ownerId", ownerId);
    }
}
