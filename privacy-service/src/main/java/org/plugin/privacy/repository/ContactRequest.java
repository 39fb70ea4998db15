package org.plugin.privacy.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user asking the operator to put them in touch with a contributor. The email never enters here. */
@Entity
@Table(name = "contact_request")
public class ContactRequest {

    @Id
    public UUID id;

    @Column(name = "requester_subject")
    public String requesterSubject;

    @Column(name = "target_contributor_id")
    public UUID targetContributorId;

    @Column(name = "target_account_name")
    public String targetAccountName;

    public String message;

    @Column(name = "reply_to")
    public String replyTo;

    @Enumerated(EnumType.STRING)
    public ContactStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decision_note")
    public String decisionNote;
}
