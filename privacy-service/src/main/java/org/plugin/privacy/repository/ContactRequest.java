package org.plugin.privacy.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user asking the operator to put them in touch with a contributor. Neither the email nor the
 * contributor's names enter here: only their id; names are resolved from contributor-service when shown.
 */
@Entity
@Table(name = "contact_request")
public class ContactRequest {

    public enum Status {
        PENDING, RELAYED, DECLINED
    }

    @Id
    public UUID id;

    @Column(name = "requester_subject")
    public String requesterSubject;

    @Column(name = "target_contributor_id")
    public UUID targetContributorId;

    public String message;

    @Column(name = "reply_to")
    public String replyTo;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decision_note")
    public String decisionNote;
}
