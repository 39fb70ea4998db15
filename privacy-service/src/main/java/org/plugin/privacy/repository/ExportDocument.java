package org.plugin.privacy.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The JSON document an ACCESS or PORTABILITY request produced; deleted when it expires. */
@Entity
@Table(name = "export_document")
public class ExportDocument {

    @Id
    public UUID id;

    @Column(name = "request_id")
    public UUID requestId;

    @Enumerated(EnumType.STRING)
    public PrivacyRequest.Type kind;

    public String content;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
