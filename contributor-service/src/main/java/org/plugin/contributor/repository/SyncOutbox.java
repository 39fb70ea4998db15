package org.plugin.contributor.repository;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A holder outside this service that must be brought in step with a contributor's current state: the
 * identity provider's account (email, names, enabled) or atom-service's restriction flag. Pending
 * while {@code syncedGeneration < generation}. Holds no personal data: the sender reads the
 * contributor's current state when it sends.
 */
@Entity
@Table(name = "sync_outbox")
@IdClass(SyncOutbox.Key.class)
public class SyncOutbox {

    public enum Target {
        /** The login account at the identity provider (Keycloak), keyed by the contributor's token subject. */
        IDENTITY_PROVIDER,
        /** atom-service's restriction flag, which hides attribution on Atom pages, in search and in chains. */
        ATOM_SERVICE
    }

    @Id
    @Column(name = "contributor_id")
    public UUID contributorId;

    @Id
    @Enumerated(EnumType.STRING)
    public Target target;

    /** Bumped by each change of the contributor that concerns the target. */
    @Column(nullable = false)
    public long generation;

    /** The generation the target last confirmed. */
    @Column(name = "synced_generation", nullable = false)
    public long syncedGeneration;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** Consecutive failed attempts since the last confirmation or change. */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** While a sender calls the target, no other sender takes the row before this instant. */
    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "synced_at")
    public Instant syncedAt;

    @Column(name = "last_error")
    public String lastError;

    public boolean pending() {
        return syncedGeneration < generation;
    }

    public static class Key implements Serializable {
        public UUID contributorId;
        public Target target;

        public Key() {
        }

        public Key(UUID contributorId, Target target) {
            this.contributorId = contributorId;
            this.target = target;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(contributorId, k.contributorId) && target == k.target;
        }

        @Override
        public int hashCode() {
            return Objects.hash(contributorId, target);
        }
    }
}
