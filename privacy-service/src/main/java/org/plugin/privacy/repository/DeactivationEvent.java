package org.plugin.privacy.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A deactivation received from contributor-service; its event id makes redelivery harmless. */
@Entity
@Table(name = "deactivation_event")
public class DeactivationEvent {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "contributor_id")
    public UUID contributorId;

    @Column(name = "deactivated_at")
    public Instant deactivatedAt;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "job_id")
    public UUID jobId;
}
