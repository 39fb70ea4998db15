package org.plugin.contributor.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A contributor account. Personal columns (subject, account name, names, email, restriction details)
 * are filled while the account is ACTIVE or DEACTIVATED and all null once ERASED, leaving a stub.
 */
@Entity
@Table(name = "contributor")
public class Contributor {

    public enum Status {
        ACTIVE, DEACTIVATED, ERASED
    }

    @Id
    public UUID id;

    @Column
    public String subject;

    @Column(name = "account_name")
    public String accountName;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    @Column
    public String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public boolean restricted;

    /** When the restriction was last set or lifted. */
    @Column(name = "restriction_changed_at")
    public Instant restrictionChangedAt;

    /** Who last set or lifted the restriction (an admin or a service). */
    @Column(name = "restriction_changed_by")
    public String restrictionChangedBy;

    /** The reason given when the restriction was last set or lifted. */
    @Column(name = "restriction_reason")
    public String restrictionReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deactivated_at")
    public Instant deactivatedAt;

    @Column(name = "erasure_due_at")
    public Instant erasureDueAt;

    @Column(name = "erased_at")
    public Instant erasedAt;

    @Version
    public long version;

    public boolean isActive() {
        return status == Status.ACTIVE;
    }
}
