package org.plugin.privacy.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A durable erasure of one contributor across every service. Holds no personal data once completed. */
@Entity
@Table(name = "erasure_job")
public class ErasureJob {

    /** Waiting for its time, being run by a replica, waiting for a retry, done. */
    public enum Status {
        SCHEDULED, RUNNING, RETRYING, COMPLETED
    }

    public enum Source {
        /** A deactivation pushed by contributor-service. */
        DEACTIVATION,
        /** An approved ERASURE request. */
        REQUEST
    }

    @Id
    public UUID id;

    @Column(name = "contributor_id")
    public UUID contributorId;

    /**
     * The contributor's token subject, learned from contributor-service before it erases them, so the
     * records keyed by subject are erased too; null when unknown and once the job is completed.
     */
    public String subject;

    @Enumerated(EnumType.STRING)
    public Source source;

    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "deactivated_at")
    public Instant deactivatedAt;

    public Instant deadline;

    @Column(name = "run_after")
    public Instant runAfter;

    @Enumerated(EnumType.STRING)
    public Status status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "certificate_hash")
    public String certificateHash;

    @Version
    public long version;

    /**
     * The state to show at {@code now}: RUNNING only while a replica's lease runs. A replica that died
     * mid-job stops renewing its lease, and the job is RETRYING (due again) once the lease has expired,
     * not RUNNING until another replica takes it.
     */
    public Status statusAt(Instant now) {
        if (status == Status.RUNNING && (leaseUntil == null || leaseUntil.isBefore(now))) {
            return Status.RETRYING;
        }
        return status;
    }
}
