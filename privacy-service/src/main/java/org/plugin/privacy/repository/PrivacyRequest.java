package org.plugin.privacy.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A data-subject request. Never serialized: see the DTOs in the rest package. */
@Entity
@Table(name = "privacy_request")
public class PrivacyRequest {

    @Id
    public UUID id;

    /** Token subject of the requester; null once their data is erased. */
    public String subject;

    @Column(name = "contributor_id")
    public UUID contributorId;

    @Enumerated(EnumType.STRING)
    public RequestType type;

    @Enumerated(EnumType.STRING)
    public RequestStatus status;

    /** JSON of the type's details; null once erased. */
    public String details;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Column(name = "extended_months")
    public int extendedMonths;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "restriction_active")
    public boolean restrictionActive;

    @Enumerated(EnumType.STRING)
    public RequestWork work;

    @Column(name = "work_attempts")
    public int workAttempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "erasure_job_id")
    public UUID erasureJobId;

    @Column(name = "export_expires_at")
    public Instant exportExpiresAt;

    @Version
    public long version;
}
