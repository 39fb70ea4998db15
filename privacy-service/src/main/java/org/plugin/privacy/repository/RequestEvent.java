package org.plugin.privacy.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of a request's history: a status change or a decision, with actor and time. */
@Entity
@Table(name = "privacy_request_event")
public class RequestEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "request_id")
    public UUID requestId;

    public Instant at;

    /** "requester", "admin:&lt;subject&gt;" or "system". */
    public String actor;

    public String action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public PrivacyRequest.Status fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public PrivacyRequest.Status toStatus;

    public String note;
}
