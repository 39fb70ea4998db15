package org.plugin.atom.repository;

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

/** An entry of the contribution ledger (append-only, hash-chained; see LedgerService). */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {

    public enum Event {
        ATOM_CREATED, ATOM_UPDATED, ATOM_DEPRECATED, ATOM_REMOVED, ATOM_TOMBSTONED, ATOM_PURGED,
        VERSION_DRAFTED, VERSION_PUBLISHED, VERSION_DEPRECATED,
        OWNERSHIP_CHANGED, FEEDBACK_MODERATED, CONTRIBUTOR_ERASED
    }

    public enum ActorKind {
        CONTRIBUTOR, CI, ADMIN, SERVICE
    }

    /**
     * The entry's place: provisional and negative until the chainer chains it. The database gives the
     * provisional place on insert (the column's default, minus the next number of ledger_append_seq,
     * V12__ledger_place_from_default.sql), returned by the INSERT itself: no separate round trip.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public long seq;

    @Column(nullable = false, unique = true)
    public UUID id;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Event event;

    @Column(name = "atom_id")
    public UUID atomId;

    @Column(name = "atom_name")
    public String atomName;

    @Column(name = "atom_version")
    public String atomVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "actor_kind", nullable = false)
    public ActorKind actorKind;

    @Column(name = "actor_contributor_id")
    public UUID actorContributorId;

    @Column(name = "actor_admin_subject")
    public String actorAdminSubject;

    @Column(name = "ci_client")
    public String ciClient;

    @Column(name = "ci_salt", columnDefinition = "bpchar(32)")
    public String ciSalt;

    @Column(name = "ci_commitment", columnDefinition = "bpchar(64)")
    public String ciCommitment;

    /** Event details as canonical JSON (ids, versions, reasons codes; never personal data). */
    @Column(nullable = false)
    public String details;

    @Column(name = "previous_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String previousHash;

    @Column(nullable = false, columnDefinition = "bpchar(64)")
    public String hash;
}
