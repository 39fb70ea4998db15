package org.plugin.atom.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "feedback_comment")
public class FeedbackComment {

    @Id
    public UUID id;

    @Column(name = "atom_id", nullable = false)
    public UUID atomId;

    @Column(name = "author_subject", nullable = false)
    public String authorSubject;

    @Column(name = "author_contributor_id")
    public UUID authorContributorId;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
