package org.plugin.privacy.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A data-subject request. Never serialized: the service maps it to the records of the api package. */
@Entity
@Table(name = "privacy_request")
public class PrivacyRequest {

    /** The rights of the notice, as request types. */
    public enum Type {
        ACCESS, PORTABILITY, RECTIFICATION, RESTRICTION, OBJECTION, ERASURE;

        /** Types fulfilled by the service on its own, without an admin's decision. */
        public boolean automatic() {
            return this == ACCESS || this == PORTABILITY || this == RECTIFICATION;
        }

        /** Types whose approval sets a restriction of processing in the other services. */
        public boolean restricts() {
            return this == RESTRICTION || this == OBJECTION;
        }
    }

    public enum Status {
        RECEIVED, IN_PROGRESS, COMPLETED, REJECTED;

        public static final List<Status> OPEN = List.of(RECEIVED, IN_PROGRESS);

        public boolean open() {
            return OPEN.contains(this);
        }
    }

    /** What the request worker still has to do for a request. */
    public enum Work {
        /** Gather the subject's data and store the ACCESS or PORTABILITY document. */
        EXPORT,
        /** Apply the requested changes in contributor-service. */
        RECTIFY,
        /** Set the restriction in contributor-service and atom-service. */
        RESTRICT,
        /** Lift a restriction set earlier. */
        LIFT,
        /** Create (or join) the subject's erasure job. */
        ERASE
    }

    @Id
    public UUID id;

    /** Token subject of the requester; null once their data is erased. */
    public String subject;

    @Column(name = "contributor_id")
    public UUID contributorId;

    @Enumerated(EnumType.STRING)
    public Type type;

    @Enumerated(EnumType.STRING)
    public Status status;

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
    public Work work;

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
