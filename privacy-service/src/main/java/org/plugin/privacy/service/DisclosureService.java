package org.plugin.privacy.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.common.error.DomainException;
import org.plugin.common.security.Caller;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.privacy.api.DisclosureDtos.DisclosureView;
import org.plugin.privacy.api.DisclosureDtos.NewDisclosure;
import org.plugin.privacy.repository.Disclosure;
import org.plugin.privacy.repository.DisclosureRepository;

/** The register of transmissions to competent authorities; each entry names the approving admin. */
@ApplicationScoped
public class DisclosureService {

    /** No disclosure of the platform's data predates this (a floor against dates the database cannot store). */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private final DisclosureRepository disclosures;
    private final PlatformClock clock;
    private final AccessRules access;

    DisclosureService(DisclosureRepository disclosures, PlatformClock clock, AccessRules access) {
        this.disclosures = disclosures;
        this.clock = clock;
        this.access = access;
    }

    @Transactional
    public DisclosureView record(Caller admin, NewDisclosure body) {
        String approvedBy = Actors.admin(access.subject(admin));
        checkDisclosedOn(body.disclosedOn(), clock.today());
        Disclosure d = entry(body, approvedBy, clock.now());
        disclosures.persist(d);
        return view(d);
    }

    /** The register records transmissions that took place: not in the future, nor before the platform's data existed. */
    static void checkDisclosedOn(LocalDate disclosedOn, LocalDate today) {
        if (disclosedOn.isAfter(today)) {
            throw DomainException.invalid("disclosedOn must not be in the future: the register records transmissions that took place");
        }
        if (disclosedOn.isBefore(EARLIEST)) {
            throw DomainException.invalid("disclosedOn must be on or after " + EARLIEST);
        }
    }

    /** The register entry of a disclosure, its free text stripped, its contributors and categories each once. */
    static Disclosure entry(NewDisclosure body, String approvedBy, Instant now) {
        Disclosure d = new Disclosure();
        d.id = UUID.randomUUID();
        d.authority = body.authority().strip();
        d.legalBasis = body.legalBasis().strip();
        d.reference = body.reference().strip();
        d.disclosedOn = body.disclosedOn();
        d.confidential = body.confidential();
        d.approvedBy = approvedBy;
        d.recordedAt = now;
        d.contributorIds = new LinkedHashSet<>(body.contributorIds());
        d.dataCategories = new LinkedHashSet<>(body.dataCategories().stream().map(String::strip).toList());
        return d;
    }

    @Transactional
    public Page<DisclosureView> search(UUID contributorId, PageRequest page) {
        return disclosures.search(contributorId, page).map(DisclosureService::view);
    }

    @Transactional
    public DisclosureView get(UUID id) {
        return disclosures.findByIdOptional(id).map(DisclosureService::view).orElseThrow(() -> DomainException.notFound("No disclosure " + id));
    }

    /** A register entry, its contributors and categories sorted. */
    static DisclosureView view(Disclosure d) {
        return new DisclosureView(d.id, d.authority, d.legalBasis, d.reference,
                d.contributorIds.stream().sorted().toList(), d.dataCategories.stream().sorted().toList(),
                d.disclosedOn, d.confidential, d.approvedBy, d.recordedAt);
    }
}
