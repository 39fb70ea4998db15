package org.plugin.atom.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An Atom of the catalog. Its search document is kept by a database trigger (V1__catalog.sql). */
@Entity
@Table(name = "atom")
public class Atom {

    public enum Kind {
        COMPONENT, VNF
    }

    public enum Lifecycle {
        ACTIVE, DEPRECATED, REMOVED
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(nullable = false)
    public String summary;

    @Column(nullable = false)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String category;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] tags = new String[0];

    @Column(nullable = false)
    public String license;

    @Column(name = "source_url")
    public String sourceUrl;

    @Column(name = "documentation_url")
    public String documentationUrl;

    /** The contributor (an id of contributor-service); null once the contributor's data was erased. */
    @Column(name = "owner_id")
    public UUID ownerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Lifecycle lifecycle;

    /** The highest published (or deprecated) version, for lists. */
    @Column(name = "latest_version")
    public String latestVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deprecated_at")
    public Instant deprecatedAt;

    @Column(name = "removed_at")
    public Instant removedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
