package org.plugin.contributor.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.common.error.DomainException;
import org.plugin.common.security.Caller;
import org.plugin.common.time.Deadlines;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.contributor.api.ContributorDtos;
import org.plugin.contributor.api.ContributorDtos.ContributorView;
import org.plugin.contributor.api.ContributorDtos.Deactivation;
import org.plugin.contributor.api.ContributorDtos.Rectification;
import org.plugin.contributor.api.ContributorDtos.Registration;
import org.plugin.contributor.api.ContributorDtos.RestrictionChange;
import org.plugin.contributor.api.ContributorDtos.RestrictionState;
import org.plugin.contributor.api.ContributorDtos.SelfView;
import org.plugin.contributor.api.InternalDtos.ContributorName;
import org.plugin.contributor.api.InternalDtos.Resolved;
import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.Contributor.Status;
import org.plugin.contributor.repository.ContributorRepository;
import org.plugin.contributor.repository.ContributorRepository.ValueTakenException;
import org.plugin.contributor.repository.DeactivationOutbox;
import org.plugin.contributor.repository.DeactivationOutboxRepository;
import org.plugin.contributor.repository.EmailRead;
import org.plugin.contributor.repository.EmailReadRepository;
import org.plugin.contributor.repository.RectificationAudit;
import org.plugin.contributor.repository.RectificationAuditRepository;

/**
 * Contributor accounts: registration, views, rectification, deactivation, restriction, and the
 * public names and resolution other services ask for. Rectification and restriction have one path
 * each, taken by the contributor or an admin here and by privacy-service's requests through
 * {@link PersonalDataService}.
 */
@ApplicationScoped
public class ContributorService {

    // Details never repeat what was asked (account name, subject, email): problem details are
    // logged, and a log must not keep personal data that an erasure could not reach.
    static final String ALREADY_REGISTERED = "You are already registered as a contributor";
    static final String ACCOUNT_NAME_TAKEN = "This account name is already taken";
    static final String EMAIL_TAKEN = "This email address is already used by another contributor";
    static final String NOT_REGISTERED = "You are not registered as a contributor";
    static final String NO_SUCH_ACCOUNT = "No contributor with this account name";
    static final String NO_ACTIVE_ACCOUNT = "No active contributor with this account name";
    static final String NO_SUCH_SUBJECT = "No contributor registered by this subject";
    static final String NOTHING_TO_CHANGE = "Nothing to change: give at least one of firstName, lastName, email";

    private final ContributorRepository contributors;
    private final RectificationAuditRepository rectifications;
    private final EmailReadRepository emailReads;
    private final DeactivationOutboxRepository outbox;
    private final AccountSync sync;
    private final AccessRules access;
    private final PlatformClock clock;

    ContributorService(ContributorRepository contributors, RectificationAuditRepository rectifications,
            EmailReadRepository emailReads, DeactivationOutboxRepository outbox, AccountSync sync, AccessRules access,
            PlatformClock clock) {
        this.contributors = contributors;
        this.rectifications = rectifications;
        this.emailReads = emailReads;
        this.outbox = outbox;
        this.sync = sync;
        this.access = access;
        this.clock = clock;
    }

    // --- registration ---

    /** Registers the caller, known by their token's whole subject. */
    @Transactional
    public SelfView register(String subject, Registration registration) {
        access.registeringSubject(subject);
        // concurrent registrations of the same subject, account name or email wait here for each other
        contributors.lockUniqueValues(List.of("subject:" + subject,
                "account:" + registration.accountName().toLowerCase(Locale.ROOT),
                "email:" + registration.email().toLowerCase(Locale.ROOT)));
        contributors.findBySubject(subject).ifPresent(existing -> {
            throw DomainException.conflict(existing.isActive() ? ALREADY_REGISTERED
                    : "Your contributor account is deactivated; a new one can be registered once it is erased (by "
                            + Deadlines.dueDate(existing.deactivatedAt, 1) + ")");
        });
        if (contributors.findByAccountName(registration.accountName()).isPresent()) {
            throw DomainException.conflict(ACCOUNT_NAME_TAKEN);
        }
        if (contributors.emailTaken(registration.email(), null)) {
            throw DomainException.conflict(EMAIL_TAKEN);
        }
        var c = new Contributor();
        c.id = UUID.randomUUID();
        c.subject = subject;
        c.accountName = registration.accountName();
        c.firstName = registration.firstName();
        c.lastName = registration.lastName();
        c.email = registration.email();
        c.status = Status.ACTIVE;
        c.createdAt = clock.now();
        c.updatedAt = c.createdAt;
        // the unique indexes still decide, should a writer ever skip the locks above
        answeringTakenValues(() -> contributors.insert(c));
        // the identity provider's account takes the email and names given here: one truth
        sync.accountChanged(c.id);
        return ContributorMapper.selfView(c);
    }

    // --- views ---

    /** The caller's own record, whatever its status. */
    public SelfView me(String subject) {
        return contributors.findBySubject(subject).map(ContributorMapper::selfView)
                .orElseThrow(() -> DomainException.notFound(NOT_REGISTERED));
    }

    /**
     * A contributor by account name: the public view of an active one, or for a caller who sees
     * personal data the admin view of one of any status, the read of whose email is recorded in the
     * same transaction.
     */
    @Transactional
    public ContributorView view(String accountName, Caller caller) {
        if (!access.seesPersonalData(caller)) {
            return contributors.findByAccountName(accountName).filter(Contributor::isActive).map(ContributorMapper::publicView)
                    .orElseThrow(() -> DomainException.notFound(NO_ACTIVE_ACCOUNT));
        }
        var found = contributors.findByAccountNameForShare(accountName)
                .orElseThrow(() -> DomainException.notFound(NO_SUCH_ACCOUNT));
        recordEmailReads(List.of(found), caller, EmailRead.Context.PROFILE);
        return ContributorMapper.adminView(found);
    }

    /**
     * One page of the directory. Everyone sees ACTIVE contributors' public views; admins may ask for
     * another status and see admin views with emails, each of which is recorded as read.
     */
    @Transactional
    public Page<ContributorView> directory(String search, ContributorDtos.Status status, PageRequest page, Caller caller) {
        Status wanted = access.listedStatus(caller, ContributorMapper.status(status));
        boolean admin = access.seesPersonalData(caller);
        long total = contributors.countDirectory(wanted, search, admin);
        List<Contributor> items = total == 0 ? List.of() : contributors.directory(wanted, search, admin, page.offset(), page.limit());
        if (admin) {
            recordEmailReads(items, caller, EmailRead.Context.DIRECTORY);
            return Page.of(items, total, page).map(ContributorMapper::adminView);
        }
        return Page.of(items, total, page).map(ContributorMapper::publicView);
    }

    private void recordEmailReads(List<Contributor> read, Caller admin, EmailRead.Context context) {
        var now = clock.now();
        var entries = new ArrayList<EmailRead>();
        for (Contributor c : read) {
            if (c.email == null) {
                continue;
            }
            var entry = new EmailRead();
            entry.id = UUID.randomUUID();
            entry.contributorId = c.id;
            entry.readerSubject = admin.subject();
            entry.readerName = admin.username();
            entry.readAt = now;
            entry.context = context;
            entries.add(entry);
        }
        emailReads.persist(entries);
    }

    // --- what other services ask ---

    /** Public names of a batch of contributors, in the order asked, each id once; unknown ids left out. */
    public List<ContributorName> names(List<UUID> ids) {
        var unique = new LinkedHashSet<>(ids);
        Map<UUID, Contributor> found = contributors.findByIds(unique).stream()
                .collect(Collectors.toMap(c -> c.id, Function.identity()));
        return unique.stream().map(found::get).filter(Objects::nonNull).map(ContributorMapper::name).toList();
    }

    /** The contributor registered by a token subject, whatever their status. */
    public Resolved resolveBySubject(String subject) {
        return contributors.findBySubject(subject).map(ContributorMapper::resolved)
                .orElseThrow(() -> DomainException.notFound(NO_SUCH_SUBJECT));
    }

    /**
     * The contributor of an id, with their login subject (null once erased): what privacy-service's
     * erasure step needs to delete the login account, and nothing more.
     */
    public Resolved resolveById(UUID id) {
        return contributors.findByIdOptional(id).map(ContributorMapper::resolvedWithSubject)
                .orElseThrow(() -> DomainException.notFound("No contributor with this id"));
    }

    /** The contributor of an account name (a CI token's claim), whatever their status. */
    public Resolved resolveByAccountName(String accountName) {
        return contributors.findByAccountName(accountName).map(ContributorMapper::resolved)
                .orElseThrow(() -> DomainException.notFound(NO_SUCH_ACCOUNT));
    }

    // --- rectification ---

    /** The contributor rectifies their own record; only while active. */
    @Transactional
    public SelfView rectifyOwn(String subject, Rectification change) {
        var c = contributors.lockBySubject(subject).orElseThrow(() -> DomainException.notFound(NOT_REGISTERED));
        if (!c.isActive()) {
            throw DomainException.conflict("Your account is deactivated and can no longer be changed; "
                    + "a rectification can still be requested from the operator");
        }
        applyRectification(c, change, RectificationAudit.ActorType.CONTRIBUTOR, subject);
        return ContributorMapper.selfView(c);
    }

    /**
     * The one path of a rectification, whoever asked: each changed field is audited (which, when,
     * who; never the old value), an email is checked free under its lock, and the identity
     * provider's account follows. The same values again change nothing and are not audited.
     * Call in a transaction, with {@code c} locked.
     */
    void applyRectification(Contributor c, Rectification change, RectificationAudit.ActorType actorType, String actor) {
        if (change.isEmpty()) {
            throw DomainException.invalid(NOTHING_TO_CHANGE);
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
            if (contributors.emailTaken(change.email(), c.id)) {
                throw DomainException.conflict(EMAIL_TAKEN);
            }
            c.email = change.email();
            changed.add("email");
        }
        if (changed.isEmpty()) {
            return; // the same values again: nothing changes, nothing is audited
        }
        var now = clock.now();
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
        answeringTakenValues(contributors::flushChanges);
        // written through to the identity provider's copy
        sync.accountChanged(c.id);
    }

    // --- deactivation ---

    /**
     * Deactivates the caller's account at once, and records in the same transaction the event that
     * tells privacy-service (see {@link DeactivationOutboxSender}) and the change the identity provider
     * must follow (see {@link AccountSync}). Deactivating again changes nothing.
     */
    @Transactional
    public Deactivation deactivateOwn(String subject) {
        var c = contributors.lockBySubject(subject).orElseThrow(() -> DomainException.notFound(NOT_REGISTERED));
        if (c.status != Status.ACTIVE) {
            return ContributorMapper.deactivation(c);
        }
        var now = clock.now();
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
        return ContributorMapper.deactivation(c);
    }

    // --- restriction ---

    /** An admin sets or lifts the restriction of a contributor named by account name. */
    @Transactional
    public RestrictionState restrict(String accountName, RestrictionChange change, Caller admin) {
        var c = contributors.lockByAccountName(accountName).orElseThrow(() -> DomainException.notFound(NO_SUCH_ACCOUNT));
        applyRestriction(c, change, admin.label());
        return ContributorMapper.restrictionState(c);
    }

    /**
     * The one path of a restriction, whoever decided it (an admin, or privacy-service for a request):
     * it reaches atom-service the same way. An erased stub stays unrestricted; the state already asked
     * for changes nothing. Call in a transaction, with {@code c} locked.
     */
    void applyRestriction(Contributor c, RestrictionChange change, String actor) {
        if (c.status == Status.ERASED || c.restricted == change.restricted()) {
            return; // nothing stored to restrict, or already in the asked state: a repeat changes nothing
        }
        var now = clock.now();
        c.restricted = change.restricted();
        c.restrictionReason = change.reason();
        c.restrictionChangedAt = now;
        c.restrictionChangedBy = actor;
        c.updatedAt = now;
        sync.restrictionChanged(c.id);
    }

    /** Runs a write; a unique value a concurrent writer took first is answered as the pre-check would have. */
    private static void answeringTakenValues(Runnable write) {
        try {
            write.run();
        } catch (ValueTakenException e) {
            throw DomainException.conflict(switch (e.value()) {
                case SUBJECT -> ALREADY_REGISTERED;
                case ACCOUNT_NAME -> ACCOUNT_NAME_TAKEN;
                case EMAIL -> EMAIL_TAKEN;
            });
        }
    }
}
