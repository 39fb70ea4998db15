package org.plugin.privacy.repository;

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

/** The part of an erasure job one holder of the person's data (a service, the identity provider) must confirm. */
@Entity
@Table(name = "erasure_step")
@IdClass(ErasureStep.Key.class)
public class ErasureStep {

    /** The services an erasure fans out to, in the order they are called. */
    public static final String CONTRIBUTOR_SERVICE = "contributor-service";
    public static final String ATOM_SERVICE = "atom-service";
    /** The login account at the identity provider (Keycloak), deleted by the person's token subject. */
    public static final String IDENTITY_PROVIDER = "identity-provider";

    public enum Status {
        PENDING, FAILED, CONFIRMED
    }

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Id
    public String service;

    @Enumerated(EnumType.STRING)
    public Status status;

    public int attempts;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    public static class Key implements Serializable {
        public UUID jobId;
        public String service;

        public Key() {
        }

        public Key(UUID jobId, String service) {
            this.jobId = jobId;
            this.service = service;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(jobId, k.jobId) && Objects.equals(service, k.service);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, service);
        }
    }
}
