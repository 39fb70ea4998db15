package org.plugin.contributor.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.plugin.common.error.DomainException;
import org.plugin.common.idempotency.IdempotencyStore;
import org.plugin.common.security.Caller;
import org.plugin.common.time.PlatformClock;
import org.plugin.contributor.api.ContributorDtos;
import org.plugin.contributor.api.ContributorDtos.Rectification;
import org.plugin.contributor.api.ContributorDtos.RestrictionChange;
import org.plugin.contributor.api.ContributorDtos.RestrictionState;
import org.plugin.contributor.api.ContributorDtos.SelfView;
import org.plugin.contributor.api.InternalDtos.Erasure;
import org.plugin.contributor.api.InternalDtos.PersonalData;
import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.Contributor.Status;
import org.plugin.contributor.repository.ContributorRepository;
import org.plugin.contributor.repository.EmailReadRepository;
import org.plugin.contributor.repository.RectificationAudit;
import org.plugin.contributor.repository.RectificationAuditRepository;
import org.plugin.contributor.repository.SyncOutboxRepository;

/**
 * What privacy-service asks of contributor-service about one person, for the data subject's rights
 * (docs/internal-api.md): the personal-data export, a rectification or restriction on behalf of a
 * request (through the same path as the contributor's or an admin's, see {@link ContributorService}),
 * and the erasure.
 */
@ApplicationScoped
public class PersonalDataService {

    private static final Logger LOG = Logger.getLogger(PersonalDataService.class);

    private final ContributorRepository contributors;
    private final RectificationAuditRepository rectifications;
    private final EmailReadRepository emailReads;
    private final SyncOutboxRepository sync;
    private final ContributorService changes;
    private final PlatformClock clock;
    private final IdempotencyStore keptAnswers;

    PersonalDataService(ContributorRepository contributors, RectificationAuditRepository rectifications,
            EmailReadRepository emailReads, SyncOutboxRepository sync, ContributorService changes, PlatformClock clock,
            IdempotencyStore keptAnswers) {
        this.contributors = contributors;
        this.rectifications = rectifications;
        this.emailReads = emailReads;
        this.sync = sync;
        this.changes = changes;
        this.clock = clock;
        this.keptAnswers = keptAnswers;
    }

    /** Everything held about one contributor: profile, restriction, rectification audit, admin email reads. */
    @Transactional
    public PersonalData export(UUID id) {
        var c = contributors.findByIdOptional(id).orElseThrow(() -> noSuchId(id));
        return new PersonalData(ContributorMapper.profile(c), ContributorMapper.restriction(c),
                rectifications.forContributor(id).stream().map(ContributorMapper::rectification).toList(),
                emailReads.forContributor(id).stream().map(ContributorMapper::emailRead).toList(),
                clock.now());
    }

    /** A rectification applied on behalf of a privacy request; the calling service is the audited actor. */
    @Transactional
    public SelfView rectify(UUID id, Rectification change, Caller service) {
        var c = contributors.lockById(id).orElseThrow(() -> noSuchId(id));
        if (c.status == Status.ERASED) {
            throw DomainException.conflict("Contributor " + id + " is erased: there is nothing left to rectify");
        }
        changes.applyRectification(c, change, RectificationAudit.ActorType.PRIVACY_REQUEST,
                service.client() != null ? service.client() : service.label());
        return ContributorMapper.selfView(c);
    }

    /** Sets or lifts the restriction on behalf of a privacy request. An erased stub stays unrestricted. */
    @Transactional
    public RestrictionState restrict(UUID id, RestrictionChange change, Caller service) {
        var c = contributors.lockById(id).orElseThrow(() -> noSuchId(id));
        changes.applyRestriction(c, change, service.client() != null ? "client:" + service.client() : service.label());
        return ContributorMapper.restrictionState(c);
    }

    /**
     * Erases a contributor's personal data, keeping a stub (id, status ERASED, dates), and deletes the
     * audit rows about them. Idempotent: an erased or unknown contributor answers the same and nothing changes.
     */
    @Transactional
    public Erasure erase(UUID id) {
        var found = contributors.lockById(id);
        if (found.isEmpty()) {
            return new Erasure(id, ContributorDtos.Status.ERASED, clock.now());
        }
        var c = found.get();
        if (c.status != Status.ERASED) {
            if (c.subject != null) {
                // the answer kept for a retried registration holds the same data
                keptAnswers.forget(c.subject);
            }
            eraseColumns(c, clock.now());
            long audits = rectifications.deleteForContributor(id);
            long reads = emailReads.deleteForContributor(id);
            // nothing left to keep in step: the account at the identity provider is privacy-service's erasure step
            sync.deleteForContributor(id);
            LOG.infof("Erased contributor %s (%d rectification and %d email-read audit rows deleted)", id, audits, reads);
        }
        return new Erasure(c.id, ContributorMapper.status(c.status), c.erasedAt);
    }

    /** Nulls every personal column, leaving the non-personal stub: id, status ERASED, dates. */
    static void eraseColumns(Contributor c, Instant now) {
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
    }

    private static DomainException noSuchId(UUID id) {
        return DomainException.notFound("No contributor with id " + id);
    }
}
