package org.plugin.privacy.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.BatchSize;

/** One transmission of personal data to a competent authority. */
@Entity
@Table(name = "disclosure")
public class Disclosure {

    @Id
    public UUID id;

    public String authority;

    @Column(name = "legal_basis")
    public String legalBasis;

    public String reference;

    @Column(name = "disclosed_on")
    public LocalDate disclosedOn;

    /** Confidential by law: kept out of the subject's ACCESS export. */
    public boolean confidential;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    // a page of disclosures loads its collections in a few batched queries, not two per disclosure
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100)
    @CollectionTable(name = "disclosure_contributor", joinColumns = @JoinColumn(name = "disclosure_id"))
    @Column(name = "contributor_id")
    public Set<UUID> contributorIds = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100)
    @CollectionTable(name = "disclosure_category", joinColumns = @JoinColumn(name = "disclosure_id"))
    @Column(name = "category")
    public Set<String> dataCategories = new LinkedHashSet<>();
}
