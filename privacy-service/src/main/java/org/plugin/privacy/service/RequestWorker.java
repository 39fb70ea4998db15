package org.plugin.privacy.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.plugin.common.time.Backoff;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.work.LeaseSettings;
import org.plugin.common.work.LeasedWorkLoop;
import org.plugin.common.work.Outcome;
import org.plugin.privacy.api.RequestDtos.Details;
import org.plugin.privacy.client.AtomClient;
import org.plugin.privacy.client.ContributorClient;
import org.plugin.privacy.client.ContributorClient.Rectification;
import org.plugin.privacy.client.ContributorClient.RestrictionChange;
import org.plugin.privacy.client.IdentityProviderClient.AccountChange;
import org.plugin.privacy.client.PeerException;
import org.plugin.privacy.client.Peers;
import org.plugin.privacy.config.PrivacyConfig;
import org.plugin.privacy.repository.ErasureJob;
import org.plugin.privacy.repository.PrivacyRequest;
import org.plugin.privacy.repository.PrivacyRequest.Status;
import org.plugin.privacy.repository.PrivacyRequest.Type;
import org.plugin.privacy.repository.PrivacyRequest.Work;
import org.plugin.privacy.repository.RequestRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Does the work requests wait for: exports (with what the identity provider holds), rectification,
 * restriction and its lifting (through contributor-service, which carries it to atom-service), and
 * handing ERASURE requests to an erasure job (a non-contributor's is done here: feedback, login account,
 * this service's records). Work runs on common's {@link LeasedWorkLoop} (the queue's SQL is
 * {@link RequestRepository}'s): claimed with a lease under {@code FOR UPDATE SKIP LOCKED} (two replicas
 * never take the same request), done outside any transaction, and recorded afterwards; a failure
 * leaves the work in place for a retry with backoff.
 */
@ApplicationScoped
public class RequestWorker {

    private static final Logger LOG = Logger.getLogger(RequestWorker.class);
    static final String CONTRIBUTOR_SERVICE = "contributor-service";
    static final String ATOM_SERVICE = "atom-service";

    private final RequestRepository requests;
    private final RequestService requestService;
    private final ErasureService erasures;
    private final ExportBuilder exportBuilder;
    private final PersonalRecords personalRecords;
    private final ContributorClient contributors;
    private final AtomClient atoms;
    private final PlatformClock clock;
    private final PrivacyConfig config;
    private final Json json;
    private final AccountNames accountNames;
    private final IdentityProvider identityProvider;
    private final LeasedWorkLoop<UUID> loop;

    RequestWorker(RequestRepository requests, RequestService requestService, ErasureService erasures, ExportBuilder exportBuilder,
            PersonalRecords personalRecords, @RestClient ContributorClient contributors, @RestClient AtomClient atoms,
            PlatformClock clock, PrivacyConfig config, Json json, AccountNames accountNames,
            IdentityProvider identityProvider, MeterRegistry registry) {
        this.requests = requests;
        this.requestService = requestService;
        this.erasures = erasures;
        this.exportBuilder = exportBuilder;
        this.personalRecords = personalRecords;
        this.contributors = contributors;
        this.atoms = atoms;
        this.clock = clock;
        this.config = config;
        this.json = json;
        this.accountNames = accountNames;
        this.identityProvider = identityProvider;
        this.loop = new LeasedWorkLoop<>("privacy-requests", requests, this::process,
                new LeaseSettings(config.jobs().batch(), config.jobs().lease(), config.jobs().heartbeat(),
                        new Backoff(config.jobs().retryInitial(), config.jobs().retryMax())),
                clock::now, LeasedWorkLoop.Transactions.quarkus(), registry);
    }

    @Scheduled(identity = "privacy-request-worker", every = "${plugin.privacy.jobs.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runDue();
        loop.refreshGauges();
    }

    /** Claims and runs the due work; returns how many requests were taken. */
    public int runDue() {
        return loop.runDue();
    }

    private record Snapshot(UUID id, Type type, Work work, String subject, UUID contributorId, Details details) {
    }

    /**
     * The domain step of one request, outside any transaction: its outcome (completed, rejected, handed
     * to an erasure job) is recorded by the step itself; a peer that is down makes it a retry.
     */
    Outcome process(UUID id) {
        Snapshot s = QuarkusTransaction.requiringNew().call(() -> {
            PrivacyRequest r = requests.findById(id);
            return r == null || r.work == null ? null
                    : new Snapshot(r.id, r.type, r.work, r.subject, r.contributorId, json.read(r.details, Details.class));
        });
        if (s == null) {
            return Outcome.done();
        }
        try {
            switch (s.work()) {
                case EXPORT -> export(s);
                case RECTIFY -> rectify(s);
                case RESTRICT -> restrict(s, true);
                case LIFT -> restrict(s, false);
                case ERASE -> erase(s);
                default -> throw new IllegalStateException("Unknown work " + s.work());
            }
        } catch (PeerException e) {
            LOG.infof("Request %s (%s): %s; will retry", id, s.work(), e.getMessage());
            return Outcome.retry(Peers.truncate(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Request %s (%s) failed; will retry", id, s.work());
            return Outcome.retry(Peers.truncate(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return Outcome.done();
    }

    /** The subject's contributor id, or null when they are not a contributor. Peer failures propagate (retry). */
    private UUID contributorId(Snapshot s) {
        if (s.contributorId() != null) {
            return s.contributorId();
        }
        if (s.subject() == null) {
            return null;
        }
        try {
            return Peers.call(CONTRIBUTOR_SERVICE, () -> contributors.resolveSubject(s.subject())).id();
        } catch (PeerException e) {
            if (e.notFound()) {
                return null;
            }
            throw e;
        }
    }

    private static <T> T orNullIfUnknown(String service, Supplier<T> call) {
        try {
            return Peers.call(service, call);
        } catch (PeerException e) {
            if (e.notFound()) {
                return null;
            }
            throw e;
        }
    }

    private void export(Snapshot s) {
        UUID contributorId = contributorId(s);
        var profile = contributorId == null ? null : orNullIfUnknown(CONTRIBUTOR_SERVICE, () -> contributors.personalData(contributorId));
        var catalog = contributorId == null ? null : orNullIfUnknown(ATOM_SERVICE, () -> atoms.personalData(contributorId));
        // the feedback written under their login, contributor or not (and before they registered)
        var authored = config.atomService().authorFeedback() && s.subject() != null
                ? Peers.call(ATOM_SERVICE, () -> atoms.authorFeedback(s.subject()))
                : null;
        // the login account at the identity provider, contributor or not
        var account = s.subject() == null ? null : identityProvider.account(s.subject());
        Map<UUID, String> contactNames = s.type() == Type.ACCESS
                ? accountNames.of(QuarkusTransaction.requiringNew().call(() -> exportBuilder.contactTargets(s.subject())))
                : Map.of();
        var reports = new ExportDocuments.Reports(profile, catalog, authored, account, contactNames);
        finish(s, r -> {
            r.contributorId = contributorId;
            Instant now = clock.instant();
            exportBuilder.store(r, reports, now, now.plus(Duration.ofDays(config.exports().retentionDays())));
            complete(r, "Document ready, downloadable until " + r.exportExpiresAt);
        });
    }

    private void rectify(Snapshot s) {
        UUID contributorId = contributorId(s);
        Details details = s.details();
        var changes = details == null ? null : details.rectification();
        if (changes == null || changes.empty()) {
            finish(s, r -> reject(r, "The request holds no change to apply"));
            return;
        }
        if (contributorId == null) {
            rectifyAccountOnly(s, details);
            return;
        }
        try {
            Peers.run(CONTRIBUTOR_SERVICE, () -> contributors.rectify(contributorId,
                    new Rectification(changes.firstName(), changes.lastName(), changes.email())));
        } catch (PeerException e) {
            if (e.refused() || e.notFound()) {
                finish(s, r -> {
                    r.contributorId = contributorId;
                    r.details = json.write(new Details(null, changes.fields(), details.reason()));
                    reject(r, "contributor-service refused the change" + (e.detail() == null ? "" : ": " + e.detail()));
                });
                return;
            }
            throw e;
        }
        finish(s, r -> {
            r.contributorId = contributorId;
            // the new values now live in contributor-service only; keep which fields changed
            r.details = json.write(new Details(null, changes.fields(), details.reason()));
            complete(r, "Applied to contributor-service: " + String.join(", ", changes.fields()));
        });
    }

    /**
     * A requester who is not a contributor: their email and names are held by the identity provider
     * alone, where the rectification is applied (for a contributor, contributor-service applies it and
     * writes it through to the identity provider itself).
     */
    private void rectifyAccountOnly(Snapshot s, Details details) {
        var changes = details.rectification();
        boolean applied;
        try {
            applied = s.subject() != null && identityProvider.rectify(s.subject(),
                    new AccountChange(changes.firstName(), changes.lastName(), changes.email()));
        } catch (PeerException e) {
            if (e.refused()) {
                finish(s, r -> {
                    r.details = RequestService.withoutRectificationValues(details, json);
                    reject(r, "The identity provider refused the change" + (e.detail() == null ? "" : ": " + e.detail()));
                });
                return;
            }
            throw e;
        }
        finish(s, r -> {
            r.details = RequestService.withoutRectificationValues(details, json);
            if (applied) {
                complete(r, "Applied to the login account at the identity provider (the requester is not a registered contributor): "
                        + String.join(", ", changes.fields()));
            } else {
                reject(r, "The requester is not a registered contributor and has no login account: the platform holds no data to rectify");
            }
        });
    }

    private void restrict(Snapshot s, boolean restricted) {
        UUID contributorId = contributorId(s);
        if (contributorId == null) {
            finish(s, r -> noContributorToRestrict(r, restricted, "The requester is not a registered contributor: no contributor data to "
                    + (restricted ? "restrict" : "lift a restriction from")));
            return;
        }
        String reason = (restricted ? "" : "lifted: ") + s.type() + " request " + s.id();
        try {
            // contributor-service holds the decision and carries it to every service that shows attribution
            // (atom-service), through the same code as an admin's restriction
            Peers.run(CONTRIBUTOR_SERVICE, () -> contributors.restrict(contributorId, new RestrictionChange(restricted, reason)));
        } catch (PeerException e) {
            if (e.notFound() && CONTRIBUTOR_SERVICE.equals(e.service())) {
                finish(s, r -> noContributorToRestrict(r, restricted, "contributor-service no longer knows contributor " + contributorId));
                return;
            }
            if (e.refused()) {
                // retrying the same call would be refused again: the outcome is final, with the peer's reason
                String why = e.service() + " refused the change" + (e.detail() == null ? "" : ": " + e.detail());
                finish(s, r -> {
                    r.contributorId = contributorId;
                    if (restricted) {
                        reject(r, why);
                    } else {
                        RequestLifecycle.clearWork(r);
                        r.lastError = Peers.truncate(why);
                        requestService.record(r, Actors.SYSTEM, "LIFT_FAILED", r.status, why + "; the restriction stays in force");
                    }
                });
                return;
            }
            throw e;
        }
        finish(s, r -> {
            r.contributorId = contributorId;
            if (restricted) {
                r.restrictionActive = true;
                complete(r, "Restriction set in contributor-service, which carries it to atom-service");
            } else {
                RequestLifecycle.lifted(r);
                requestService.record(r, Actors.SYSTEM, "RESTRICTION_LIFTED", r.status,
                        "Restriction lifted in contributor-service, which carries it to atom-service");
            }
        });
    }

    private void noContributorToRestrict(PrivacyRequest r, boolean restricted, String note) {
        if (restricted) {
            complete(r, note);
        } else {
            RequestLifecycle.lifted(r);
            requestService.record(r, Actors.SYSTEM, "RESTRICTION_LIFTED", r.status, note);
        }
    }

    private void erase(Snapshot s) {
        UUID contributorId = contributorId(s);
        boolean authoredErased = contributorId == null && s.subject() != null && config.atomService().authorFeedback();
        if (authoredErased) {
            // not a contributor, but they may have rated or commented Atoms: atom-service erases that first
            Peers.run(ATOM_SERVICE, () -> atoms.eraseAuthor(new AtomClient.AuthorSubject(s.subject())));
        }
        // and their login account at the identity provider (already gone on a repeat: done)
        boolean accountDeleted = contributorId == null && s.subject() != null && identityProvider.delete(s.subject());
        finish(s, r -> {
            if (contributorId == null) {
                complete(r, null);
                personalRecords.eraseSubject(r.subject);
                // recorded after the erasure of the notes, so that what was (not) reached stays on record
                String account = accountDeleted ? "their login account at the identity provider was deleted" : "they had no login account at the identity provider";
                requestService.record(r, Actors.SYSTEM, "ERASED", r.status, authoredErased
                        ? "The requester is not a registered contributor: their feedback in atom-service and their records in privacy-service were erased; "
                                + account
                        : "The requester is not a registered contributor: their records in privacy-service were erased; " + account
                                + "; feedback in atom-service is not reached (atom-service serves no erasure by author subject)");
                return;
            }
            r.contributorId = contributorId;
            ErasureJob job = erasures.forRequest(r, contributorId);
            r.erasureJobId = job.id;
            RequestLifecycle.clearWork(r);
            if (job.status == ErasureJob.Status.COMPLETED) {
                complete(r, "The contributor was already erased by job " + job.id);
            } else {
                requestService.record(r, Actors.SYSTEM, "ERASURE_SCHEDULED", r.status, "Erasure job " + job.id + ", deadline " + job.deadline);
            }
        });
    }

    private void complete(PrivacyRequest r, String note) {
        Status from = r.status;
        RequestLifecycle.completed(r, clock.instant());
        requestService.record(r, Actors.SYSTEM, "COMPLETED", from, note);
    }

    private void reject(PrivacyRequest r, String reason) {
        Status from = r.status;
        RequestLifecycle.rejected(r, reason, clock.instant());
        requestService.record(r, Actors.SYSTEM, "REJECTED", from, reason);
    }

    /** Records the outcome, unless an admin changed the request meanwhile (rejected it, for instance). */
    private void finish(Snapshot s, Consumer<PrivacyRequest> outcome) {
        QuarkusTransaction.requiringNew().run(() -> {
            PrivacyRequest r = requests.lock(s.id()).orElse(null);
            if (r == null || r.work != s.work()) {
                LOG.infof("Request %s changed while its %s ran; outcome dropped", s.id(), s.work());
                return;
            }
            outcome.accept(r);
        });
    }
}
