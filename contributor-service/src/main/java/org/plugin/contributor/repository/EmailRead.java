package org.plugin.contributor.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An admin read that returned a contributor's email: who, when, which contributor, through which view. */
@Entity
@Table(name = "email_read")
public class EmailRead {

    public enum Context {
        PROFILE, DIRECTORY
    }

    @Id
    public UUID id;

    @Column(name = "contributor_id", nullable = false)
    public UUID contributorId;

    @Column(name = "reader_subject", nullable = false)
    public String readerSubject;

    @Column(name = "reader_name")
    public String readerName;

    @Column(name = "read_at", nullable = false)
    public Instant readAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Context context;
}
