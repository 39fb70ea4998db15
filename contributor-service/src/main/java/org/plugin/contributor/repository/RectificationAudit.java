package org.plugin.contributor.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One rectified field: which, when, and who acted. The old value is never kept. */
@Entity
@Table(name = "rectification_audit")
public class RectificationAudit {

    public enum ActorType {
        /** The contributor themself, through {@code PATCH /api/contributors/me}. */
        CONTRIBUTOR,
        /** privacy-service, applying a rectification request. */
        PRIVACY_REQUEST
    }

    @Id
    public UUID id;

    @Column(name = "contributor_id", nullable = false)
    public UUID contributorId;

    @Column(nullable = false)
    public String field;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "actor_type", nullable = false)
    public ActorType actorType;

    /** The contributor's token subject, or the client id of the calling service. */
    @Column(nullable = false)
    public String actor;
}
