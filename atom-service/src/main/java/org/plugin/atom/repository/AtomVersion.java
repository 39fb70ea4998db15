package org.plugin.atom.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

/** One version of an Atom. Once PUBLISHED its content never changes (only its state, to DEPRECATED). */
@Entity
@Table(name = "atom_version")
public class AtomVersion {

    public enum State {
        DRAFT, PUBLISHED, DEPRECATED
    }

    public enum ArtifactType {
        CONTAINER_IMAGE, VM_IMAGE, HELM_CHART, OTHER
    }

    public enum Direction {
        IN, OUT, BIDIRECTIONAL
    }

    public record Artifact(ArtifactType type, String reference, String digest) {
    }

    public record ConnectionPoint(String name, String protocol, Direction direction) {
    }

    @Id
    public UUID id;

    @Column(name = "atom_id", nullable = false)
    public UUID atomId;

    @Column(nullable = false)
    public String version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Artifact> artifacts = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> languages = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "connection_points", nullable = false)
    public List<ConnectionPoint> connectionPoints = new ArrayList<>();

    @Column(name = "release_notes")
    public String releaseNotes;

    /** SHA-256 of the canonical content (artifacts, languages, connection points, release notes). */
    @Column(name = "content_digest", nullable = false, columnDefinition = "bpchar(64)")
    public String contentDigest;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "deprecated_at")
    public Instant deprecatedAt;

    /** The contributor who registered it (erased with the contributor's data). */
    @Column(name = "registered_by")
    public UUID registeredBy;

    /** The CI client that registered it, if any (erased with the contributor's data). */
    @Column(name = "ci_client")
    public String ciClient;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;
}
