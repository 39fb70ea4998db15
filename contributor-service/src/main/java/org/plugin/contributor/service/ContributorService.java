package org.plugin.contributor.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.common.time.Deadlines;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.common.web.Problems;
import org.plugin.contributor.api.ContributorDtos.Rectification;
import org.plugin.contributor.api.ContributorDtos.Registration;
import org.plugin.contributor.api.ContributorDtos.RestrictionChange;
import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.Contributor.Status;
import org.plugin.contributor.repository.ContributorRepository;
import org.plugin.contributor.repository.DeactivationOutbox;
import org.plugin.contributor.repository.DeactivationOutboxRepository;
import org.plugin.contributor.repository.EmailRead;
import org.plugin.contributor.repository.EmailReadRepository;
import org.plugin.contributor.repository.RectificationAudit;
import org.plugin.contributor.repository.RectificationAuditRepository;

/** Contributor accounts: registration, views, rectification, deactivation, restriction. */
@ApplicationScoped
public class ContributorService {

    // Details never repeat what was asked (account name, subject, email): problem details are
    // logged, and a log must not keep personal data that an erasure could not reach.
    static final String ALREADY_REGISTERED = "You are already registered as a contributor";
    static final String ACCOUNT_NAME_TAKEN = "This account name is already taken";
    static final String EMAIL_TAKEN = "This email address is already used by another contributor";
    static final String NOT_REGISTERED = "You are not registered as a contributor";
    public static final String NO_SUCH_ACCOUNT = "No contributor with this account name";
    public static final String NO_ACTIVE_ACCOUNT = "No active contributor with this account name";

    private final ContributorRepository contributors;
    private final RectificationAuditRepository rectifications;
    private final EmailReadRepository emailReads;
    private final DeactivationOutboxRepository outbox;
    private final AccountSync sync;
    private final PlatformClock clock;

    ContributorService(ContributorRepository contributors, RectificationAuditRepository rectifications,
            EmailReadRepository emailReads, DeactivationOutboxRepository outbox, AccountSync sync, PlatformClock clock) {
        this.contributors = contributors;
        this.rectifications = rectifications;
        this.emailReads = emailReads;
        this.outbox = outbox;
        this.sync = sync;
        this.clock = clock;
    }

    // --- registration ---

    @Transactional
    public Contributor register(String subject, Registration registration) {
        if (!ContributorRepository.couldBeSubject(subject)) {
            throw Problems.forbidden("Your token has no subject that can identify a contributor");
        }
        // concurrent registrations of the same subject, account name or email wait here for each other
        contributors.lockUniqueValues(List.of("subject:" + subject,
                "account:" + registration.accountName().toLowerCase(Locale.ROOT),
                "email:" + registration.email().toLowerCase(Locale.ROOT)));
        contributors.findBySubject(subject).ifPresent(existing -> {
            throw Problems.conflict(existing.isActive() ? ALREADY_REGISTERED
                    : "Your contributor account is deactivated; a new one can be registered once it is erased (by "
                            + Deadlines.dueDate(existing.deactivatedAt, 1) + ")");
        });
        if (contributors.findByAccountName(registration.accountName()).isPresent()) {
            throw Problems.conflict(ACCOUNT_NAME_TAKEN);
        }
        if (emailTaken(registration.email(), null)) {
            throw Problems.conflict(EMAIL_TAKEN);
        }
        var c = new Contributor();
        c.id = UUID.randomUUID();
        c.subject = subject;
        c.accountName = registration.accountName();
        c.firstName = registration.firstName();
        c.lastName = registration.lastName();
        c.email = registration.email();
        c.status = Status.ACTIVE;
        c.createdAt = now();
        c.updatedAt = c.createdAt;
        // the unique indexes still decide, should a writer ever skip the locks above
        UniqueViolations.flushOrConflict(() -> contributors.persistAndFlush(c));
        // the identity provider's account takes the email and names given here: one truth
        sync.accountChanged(c.id);
        return c;
    }

    // --- views ---

    /** An active contributor, as anyone may see them. */
    public Optional<Contributor> findActive(String accountName) {
        return contributors.findByAccountName(accountName).filter(Contributor::isActive);
    }

    /** The caller's own record, whatever its status. */
    public Contributor me(String subject) {
        return contributors.findBySubject(subject).orElseThrow(() -> Problems.notFound(NOT_REGISTERED));
    }

    /** A contributor of any status, for an admin; the read of their email is recorded in the same transaction. */
    @Transactional
    public Optional<Contributor> viewAsAdmin(String accountName, Caller admin) {
        var found = contributors.findByAccountNameForShare(accountName);
        found.ifPresent(c -> recordEmailReads(List.of(c), admin, EmailRead.Context.PROFILE));
        return found;
    }

    /**
     * One page of the directory. Everyone sees ACTIVE contributors; admins may ask for another status
     * and see emails, each of which is recorded as read.
     */
    @Transactional
    public Page<Contributor> directory(String search, Status status, PageRequest page, Caller caller) {
        Status wanted = status == null ? Status.ACTIVE : status;
        if (wanted != Status.ACTIVE && !caller.admin()) {
            throw Problems.forbidden("Only admins can list contributors who are not active");
        }
        long total = contributors.countDirectory(wanted, search, caller.admin());
        List<Contributor> items = total == 0 ? List.of()
                : contributors.directory(wanted, search, caller.admin(), page.offset(), page.limit());
        if (caller.admin()) {
            recordEmailReads(items, caller, EmailRead.Context.DIRECTORY);
        }
        return Page.of(items, total, page);
    }

    private void recordEmailReads(List<Contributor> read, Caller admin, EmailRead.Context context) {
        var now = now();
        var entries = new ArrayList<EmailRead>();
        for (Contributor c : read) {
            if (c.email == null) {
                continue;
            }
            var entry = new EmailRead();
            entry.id = UUID.randomUUID();
            entry.contributorId = c.id;
            entry.readerSubject = admin.subject();
            entry.readerName = admin.name();
            entry.readAt = now;
            entry.context = context;
            entries.add(entry);
        }
        emailReads.persist(entries);
    }

    // --- rectification ---

    /** The contributor rectifies their own record; only while active. */
    @Transactional
    public Contributor rectifyOwn(String subject, Rectification change) {
        var c = contributors.lockBySubject(subject).orElseThrow(() -> Problems.notFound(NOT_REGISTERED));
        if (!c.isActive()) {
            throw Problems.conflict("Your account is deactivated and can no longer be changed; "
                    + "a rectification can still be requested from the operator");
        }
        apply(c, change, RectificationAudit.ActorType.CONTRIBUTOR, subject);
        return c;
    }

    /** A rectification applied by privacy-service on behalf of a privacy request. */
    @Transactional
    public Contributor rectifyOnRequest(UUID id, Rectification change, Caller service) {
        var c = contributors.lockById(id).orElseThrow(() -> Problems.notFound("No contributor with id " + id));
        if (c.status == Status.ERASED) {
            throw Problems.conflict("Contributor " + id + " is erased: there is nothing left to rectify");
        }
        apply(c, change, RectificationAudit.ActorType.PRIVACY_REQUEST, service.client() != null ? service.client() : service.label());
        return c;
    }

    private void apply(Contributor c, Rectification change, RectificationAudit.ActorType actorType, String actor) {
        if (change.isEmpty()) {
            throw Problems.badRequest("Nothing to change: give at least one of firstName, lastName, email");
        }
        var changed = new ArrayList<String>();
        if (change.firstName() != null && !change.firstName().equals(c.firstName)) {
            c.firstName = change.firstName();
            changed.add("firstName");
        }
        if (change.lastName() != null && !change.lastName().equals(c.lastName)) {
            c.lastName = change.lastName();
            changed.add("lastName");
        }
        if (change.email() != null && !change.email().equals(c.email)) {
            contributors.lockUniqueValues(List.of("email:" + change.email().toLowerCase(Locale.ROOT)));
            if (emailTaken(change.email(), c.id)) {
                throw Problems.conflict(EMAIL_TAKEN);
            }
            c.email = change.email();
            changed.add("email");
        }
        if (changed.isEmpty()) {
            return; // the same values again: nothing changes, nothing is audited
        }
        var now = now();
        c.updatedAt = now;
        for (String field : changed) {
            var audit = new RectificationAudit();
            audit.id = UUID.randomUUID();
            audit.contributorId = c.id;
            audit.field = field;
            audit.changedAt = now;
            audit.actorType = actorType;
            audit.actor = actor;
            rectifications.persist(audit);
        }
        UniqueViolations.flushOrConflict(contributors::flush);
        // written through to the identity provider's copy
        sync.accountChanged(c.id);
    }

    private boolean emailTaken(String email, UUID except) {
        return except == null
                ? contributors.count("lower(email) = lower(?1)", email) > 0
                : contributors.count("lower(email) = lower(?1) and id <> ?2", email, except) > 0;
    }

    // --- deactivation ---

    /**
     * Deactivates the caller's account at once, and records in the same transaction the event that
     * tells privacy-service (see {@link DeactivationOutboxSender}) and the change the identity provider
     * must follow (see {@link AccountSync}). Deactivating again changes nothing.
     */
    @Transactional
    public Contributor deactivateOwn(String subject) {
        var c = contributors.lockBySubject(subject).orElseThrow(() -> Problems.notFound(NOT_REGISTERED));
        if (c.status != Status.ACTIVE) {
            return c;
        }
        var now = now();
        c.status = Status.DEACTIVATED;
        c.deactivatedAt = now;
        c.erasureDueAt = Deadlines.plusCalendarMonths(now, 1);
        c.updatedAt = now;
        var event = new DeactivationOutbox();
        event.eventId = UUID.randomUUID();
        event.contributorId = c.id;
        event.deactivatedAt = now;
        event.createdAt = now;
        event.attempts = 0;
        event.nextAttemptAt = now;
        outbox.persist(event);
        // the identity provider's account is disabled and its sessions ended: no new token from now on
        sync.accountChanged(c.id);
        return c;
    }

    // --- restriction ---

    /** An admin sets or lifts the restriction of a contributor named by account name. */
    @Transactional
    public Contributor restrictByAccountName(String accountName, RestrictionChange change, Caller admin) {
        var c = contributors.lockByAccountName(accountName)
                .orElseThrow(() -> Problems.notFound(NO_SUCH_ACCOUNT));
        return restrict(c, change, admin.label());
    }

    /** privacy-service sets or lifts the restriction of a contributor. An erased stub stays unrestricted. */
    @Transactional
    public Contributor restrictById(UUID id, RestrictionChange change, Caller service) {
        var c = contributors.lockById(id).orElseThrow(() -> Problems.notFound("No contributor with id " + id));
        return restrict(c, change, service.client() != null ? "client:" + service.client() : service.label());
    }

    private Contributor restrict(Contributor c, RestrictionChange change, String actor) {
        if (c.status == Status.ERASED || c.restricted == change.restricted()) {
            return c; // nothing stored to restrict, or already in the asked state: a repeat changes nothing
        }
        var now = now();
        c.restricted = change.restricted();
        c.restrictionReason = change.reason();
        c.restrictionChangedAt = now;
        c.restrictionChangedBy = actor;
        c.updatedAt = now;
        // whoever decided it (an admin, or privacy-service for a request), it reaches atom-service the same way
        sync.restrictionChanged(c.id);
        return c;
    }

    /** Now, to the microsecond PostgreSQL keeps, so what is answered equals what is read back later. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
