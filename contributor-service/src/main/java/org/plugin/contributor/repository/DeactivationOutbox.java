package org.plugin.contributor.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A deactivation to deliver to privacy-service, written in the transaction that deactivates the
 * contributor and kept until privacy-service confirms it. Holds no personal data, only the id.
 */
@Entity
@Table(name = "deactivation_outbox")
public class DeactivationOutbox {

    /** The idempotency key privacy-service receives as {@code eventId}. */
    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "contributor_id", nullable = false)
    public UUID contributorId;

    @Column(name = "deactivated_at", nullable = false)
    public Instant deactivatedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "last_error")
    public String lastError;
}
