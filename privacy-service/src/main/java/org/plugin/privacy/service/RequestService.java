package org.plugin.privacy.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.Caller;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.privacy.api.RequestDtos.Details;
import org.plugin.privacy.api.RequestDtos.ExportLink;
import org.plugin.privacy.api.RequestDtos.HistoryEntry;
import org.plugin.privacy.api.RequestDtos.NewRequest;
import org.plugin.privacy.api.RequestDtos.RequestView;
import org.plugin.privacy.api.RequestStatus;
import org.plugin.privacy.api.RequestType;
import org.plugin.privacy.client.ContributorClient;
import org.plugin.privacy.client.PeerException;
import org.plugin.privacy.client.Peers;
import org.plugin.privacy.repository.ExportRepository;
import org.plugin.privacy.repository.PrivacyRequest;
import org.plugin.privacy.repository.PrivacyRequest.Status;
import org.plugin.privacy.repository.PrivacyRequest.Type;
import org.plugin.privacy.repository.RequestEvent;
import org.plugin.privacy.repository.RequestEventRepository;
import org.plugin.privacy.repository.RequestRepository;

/**
 * Data-subject requests: receipt with a due date one calendar month later, dedup of open requests,
 * the requester's and the admins' views, and the admins' decisions. The work a request needs
 * (exports, rectification, restriction, erasure) is left to {@link RequestWorker}.
 */
@ApplicationScoped
public class RequestService {

    private static final Logger LOG = Logger.getLogger(RequestService.class);

    /** Length of a history note (V3): an admin's text of up to 1000 characters after what the service adds. */
    static final int NOTE_MAX = 1100;

    private final RequestRepository requests;
    private final RequestEventRepository events;
    private final ExportRepository exports;
    private final PlatformClock clock;
    private final Json json;
    private final ContributorClient contributors;
    private final AccessRules access;

    RequestService(RequestRepository requests, RequestEventRepository events, ExportRepository exports, PlatformClock clock,
            Json json, @RestClient ContributorClient contributors, AccessRules access) {
        this.requests = requests;
        this.events = events;
        this.exports = exports;
        this.clock = clock;
        this.json = json;
        this.contributors = contributors;
        this.access = access;
    }

    public record Created(RequestView request, boolean created) {
    }

    /**
     * Files a request of the caller about themself. An open request of the same type is returned
     * instead of a second one, also when two identical requests race (a unique index decides).
     */
    public Created create(Caller caller, NewRequest body) {
        String subject = access.subject(caller);
        Type type = Enums.as(Type.class, body.type());
        Details details = RequestLifecycle.details(type, body.rectification(), body.reason());
        UUID contributorId = resolveQuietly(subject);
        return Transactions.insertOrGet(
                () -> requests.findOpen(subject, type)
                        .map(existing -> new Created(view(existing), false))
                        .orElseGet(() -> new Created(view(insert(subject, type, details, contributorId)), true)),
                () -> new Created(view(requests.findOpen(subject, type)
                        .orElseThrow(() -> DomainException.conflict("A request of this type was being filed at the same time; retry"))), false));
    }

    private PrivacyRequest insert(String subject, Type type, Details details, UUID contributorId) {
        Instant now = clock.instant();
        PrivacyRequest r = new PrivacyRequest();
        r.id = UUID.randomUUID();
        r.subject = subject;
        r.contributorId = contributorId;
        r.type = type;
        r.details = details == null ? null : json.write(details);
        RequestLifecycle.receive(r, now);
        requests.persist(r);
        record(r, Actors.REQUESTER, "RECEIVED", null, null);
        if (RequestLifecycle.start(r, now)) {
            record(r, Actors.SYSTEM, "STARTED", Status.RECEIVED, "Fulfilled by the service on its own");
        }
        requests.flush();
        return r;
    }

    /** The caller's contributor id, when contributor-service knows them and answers; else null (resolved later). */
    private UUID resolveQuietly(String subject) {
        try {
            return Peers.call("contributor-service", () -> contributors.resolveSubject(subject)).id();
        } catch (PeerException e) {
            if (!e.notFound()) {
                LOG.debugf("Contributor of a requester not resolved now (%s); the worker will retry", e.getMessage());
            }
            return null;
        }
    }

    @Transactional
    public Page<RequestView> mine(Caller caller, PageRequest page) {
        return views(requests.bySubject(access.subject(caller), page));
    }

    @Transactional
    public Page<RequestView> search(RequestStatus status, RequestType type, Boolean overdue, PageRequest page) {
        return views(requests.search(Enums.as(Status.class, status), Enums.as(Type.class, type), overdue, clock.today(), page));
    }

    /** A page of views with every history read in one query. */
    private Page<RequestView> views(Page<PrivacyRequest> page) {
        Map<UUID, List<RequestEvent>> histories = events.histories(page.items().stream().map(r -> r.id).toList());
        return page.map(r -> view(r, histories.getOrDefault(r.id, List.of())));
    }

    @Transactional
    public RequestView get(Caller caller, UUID id) {
        return view(visible(caller, id));
    }

    /** The request if the caller may see it: its requester or an admin. Others get the 404 an unknown id gets. */
    private PrivacyRequest visible(Caller caller, UUID id) {
        return access.visibleRequest(caller, id, requests.findByIdOptional(id));
    }

    @Transactional
    public RequestView approve(Caller admin, UUID id, String note) {
        String actor = Actors.admin(access.subject(admin));
        PrivacyRequest r = forUpdate(id);
        RequestLifecycle.approve(r, clock.instant());
        record(r, actor, "APPROVED", Status.RECEIVED, note);
        return view(r);
    }

    @Transactional
    public RequestView reject(Caller admin, UUID id, String reason) {
        String actor = Actors.admin(access.subject(admin));
        PrivacyRequest r = forUpdate(id);
        Status from = r.status;
        RequestLifecycle.reject(r, reason, clock.instant());
        r.details = withoutRectificationValues(json.read(r.details, Details.class), json);
        record(r, actor, "REJECTED", from, r.rejectionReason);
        return view(r);
    }

    @Transactional
    public RequestView complete(Caller admin, UUID id, String note) {
        String actor = Actors.admin(access.subject(admin));
        PrivacyRequest r = forUpdate(id);
        Status from = r.status;
        RequestLifecycle.complete(r, clock.instant());
        record(r, actor, "COMPLETED", from, note);
        return view(r);
    }

    @Transactional
    public RequestView extend(Caller admin, UUID id, int months, String reason) {
        String actor = Actors.admin(access.subject(admin));
        PrivacyRequest r = forUpdate(id);
        RequestLifecycle.extend(r, months);
        record(r, actor, "EXTENDED", r.status, "+" + months + " month(s), due " + r.dueDate + ": " + reason.strip());
        return view(r);
    }

    /** Lifts a restriction (RESTRICTION or OBJECTION) applied earlier: recorded in the request's history. */
    @Transactional
    public RequestView lift(Caller admin, UUID id, String note) {
        String actor = Actors.admin(access.subject(admin));
        PrivacyRequest r = forUpdate(id);
        RequestLifecycle.requestLift(r, clock.instant());
        record(r, actor, "LIFT_REQUESTED", r.status, note);
        return view(r);
    }

    public record Download(String fileName, String content) {
    }

    /** The ACCESS or PORTABILITY document, for the requester or an admin. */
    @Transactional
    public Download export(Caller caller, UUID id) {
        PrivacyRequest r = visible(caller, id);
        if (r.type != Type.ACCESS && r.type != Type.PORTABILITY) {
            throw DomainException.notFound("A " + r.type + " request produces no document");
        }
        if (r.status != Status.COMPLETED) {
            throw DomainException.conflict("The document is not ready; the request is " + r.status);
        }
        var document = exports.byRequest(id).filter(d -> d.expiresAt.isAfter(clock.instant()));
        if (document.isEmpty()) {
            throw DomainException.gone("The document of this request expired on " + r.exportExpiresAt + " and was deleted; file a new request");
        }
        if (access.readsAnothersData(caller, r)) {
            // an admin reading someone's personal data (their email among it) is audited, like every admin read of an email
            record(r, Actors.admin(caller.subject()), "EXPORT_READ_BY_ADMIN", r.status, null);
        }
        return new Download("plugin-" + r.type.name().toLowerCase() + "-" + id + ".json", document.get().content);
    }

    private PrivacyRequest forUpdate(UUID id) {
        return requests.lock(id)
                .orElseThrow(() -> DomainException.notFound("No privacy request " + id));
    }

    /**
     * The details to keep once a request is closed: a rectification's new values (which may be an
     * email) go, the names of the fields stay.
     */
    static String withoutRectificationValues(Details details, Json json) {
        if (details == null) {
            return null;
        }
        if (details.rectification() == null) {
            return json.write(details);
        }
        return json.write(new Details(null, details.rectification().fields(), details.reason()));
    }

    void record(PrivacyRequest r, String actor, String action, Status from, String note) {
        RequestEvent e = new RequestEvent();
        e.requestId = r.id;
        e.at = clock.instant();
        e.actor = actor;
        e.action = action;
        e.fromStatus = from;
        e.toStatus = r.status;
        e.note = note == null || note.isBlank() ? null : limit(note.strip(), NOTE_MAX);
        events.persist(e);
    }

    static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    RequestView view(PrivacyRequest r) {
        return view(r, events.history(r.id));
    }

    RequestView view(PrivacyRequest r, List<RequestEvent> events) {
        List<HistoryEntry> history = events.stream()
                .map(e -> new HistoryEntry(e.at, e.actor, e.action, Enums.as(RequestStatus.class, e.fromStatus),
                        Enums.as(RequestStatus.class, e.toStatus), e.note))
                .toList();
        ExportLink export = null;
        if (r.exportExpiresAt != null) {
            export = new ExportLink("/api/privacy/requests/" + r.id + "/export", r.exportExpiresAt, !r.exportExpiresAt.isAfter(clock.instant()));
        }
        boolean overdue = RequestLifecycle.overdue(r, clock.today());
        return new RequestView(r.id, Enums.as(RequestType.class, r.type), Enums.as(RequestStatus.class, r.status), r.subject,
                r.contributorId, r.receivedAt, r.dueDate, r.extendedMonths, overdue, json.read(r.details, Details.class), r.rejectionReason, r.completedAt, r.restrictionActive, r.work != null,
                r.lastError, r.erasureJobId, export, history);
    }
}
