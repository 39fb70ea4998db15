package org.plugin.atom.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One user's rating of one Atom. Author fields are cleared by an erasure; the stars stay, anonymous. */
@Entity
@Table(name = "rating")
public class Rating {

    @Id
    public UUID id;

    @Column(name = "atom_id", nullable = false)
    public UUID atomId;

    @Column(name = "author_subject")
    public String authorSubject;

    @Column(name = "author_contributor_id")
    public UUID authorContributorId;

    @Column(nullable = false)
    public short stars;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
