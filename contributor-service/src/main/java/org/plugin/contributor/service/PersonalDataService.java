package org.plugin.contributor.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Problems;
import org.plugin.contributor.api.InternalDtos.ContributorName;
import org.plugin.contributor.api.InternalDtos.EmailReadEntry;
import org.plugin.contributor.api.InternalDtos.Erasure;
import org.plugin.contributor.api.InternalDtos.PersonalData;
import org.plugin.contributor.api.InternalDtos.Profile;
import org.plugin.contributor.api.InternalDtos.RectificationEntry;
import org.plugin.contributor.api.InternalDtos.Restriction;
import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.Contributor.Status;
import org.plugin.contributor.repository.ContributorRepository;
import org.plugin.contributor.repository.EmailReadRepository;
import org.plugin.contributor.repository.RectificationAuditRepository;
import org.plugin.contributor.repository.SyncOutboxRepository;

/** What the other services ask of contributor-service (docs/internal-api.md). */
@ApplicationScoped
public class PersonalDataService {

    private static final Logger LOG = Logger.getLogger(PersonalDataService.class);

    private final ContributorRepository contributors;
    private final RectificationAuditRepository rectifications;
    private final EmailReadRepository emailReads;
    private final SyncOutboxRepository sync;
    private final PlatformClock clock;

    PersonalDataService(ContributorRepository contributors, RectificationAuditRepository rectifications,
            EmailReadRepository emailReads, SyncOutboxRepository sync, PlatformClock clock) {
        this.contributors = contributors;
        this.rectifications = rectifications;
        this.emailReads = emailReads;
        this.sync = sync;
        this.clock = clock;
    }

    /** Public names of a batch of contributors, in the order asked, each id once; unknown ids left out. */
    public List<ContributorName> names(List<UUID> ids) {
        var unique = new LinkedHashSet<>(ids);
        Map<UUID, Contributor> found = contributors.findByIds(unique).stream()
                .collect(Collectors.toMap(c -> c.id, Function.identity()));
        return unique.stream().map(found::get).filter(java.util.Objects::nonNull).map(ContributorName::from).toList();
    }

    public Optional<Contributor> bySubject(String subject) {
        return contributors.findBySubject(subject);
    }

    public Optional<Contributor> byAccountName(String accountName) {
        return contributors.findByAccountName(accountName);
    }

    /** Everything held about one contributor: profile, restriction, rectification audit, admin email reads. */
    @Transactional
    public PersonalData export(UUID id) {
        var c = contributors.findByIdOptional(id).orElseThrow(() -> Problems.notFound("No contributor with id " + id));
        return new PersonalData(Profile.from(c), Restriction.from(c),
                rectifications.forContributor(id).stream().map(RectificationEntry::from).toList(),
                emailReads.forContributor(id).stream().map(EmailReadEntry::from).toList(),
                now());
    }

    /**
     * Erases a contributor's personal data, keeping a stub (id, status ERASED, dates), and deletes the
     * audit rows about them. Idempotent: an erased or unknown contributor answers the same and nothing changes.
     */
    @Transactional
    public Erasure erase(UUID id) {
        var found = contributors.lockById(id);
        if (found.isEmpty()) {
            return new Erasure(id, Status.ERASED, now());
        }
        var c = found.get();
        if (c.status != Status.ERASED) {
            var now = now();
            c.subject = null;
            c.accountName = null;
            c.firstName = null;
            c.lastName = null;
            c.email = null;
            c.restricted = false;
            c.restrictionReason = null;
            c.restrictionChangedBy = null;
            c.restrictionChangedAt = null;
            c.status = Status.ERASED;
            c.erasedAt = now;
            c.updatedAt = now;
            long audits = rectifications.deleteForContributor(id);
            long reads = emailReads.deleteForContributor(id);
            // nothing left to keep in step: the account at the identity provider is privacy-service's erasure step
            sync.deleteForContributor(id);
            LOG.infof("Erased contributor %s (%d rectification and %d email-read audit rows deleted)", id, audits, reads);
        }
        return new Erasure(c.id, c.status, c.erasedAt);
    }

    /** Now, to the microsecond PostgreSQL keeps, so what is answered equals what is read back later. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
