package org.plugin.privacy.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.plugin.common.time.Backoff;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.work.LeaseSettings;
import org.plugin.common.work.LeasedWorkLoop;
import org.plugin.common.work.Outcome;
import org.plugin.privacy.client.AtomClient;
import org.plugin.privacy.client.ContributorClient;
import org.plugin.privacy.client.ContributorClient.Resolved;
import org.plugin.privacy.client.PeerException;
import org.plugin.privacy.client.Peers;
import org.plugin.privacy.config.PrivacyConfig;
import org.plugin.privacy.repository.ErasureJob;
import org.plugin.privacy.repository.ErasureJobRepository;
import org.plugin.privacy.repository.ErasureStep;
import org.plugin.privacy.repository.ErasureStepRepository;
import org.plugin.privacy.repository.PrivacyRequest;
import org.plugin.privacy.repository.RequestRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs erasure jobs on common's {@link LeasedWorkLoop} (the queue's SQL is {@link ErasureJobRepository}'s):
 * claims due jobs under {@code FOR UPDATE SKIP LOCKED} with a lease renewed while this replica lives, calls each
 * service's erasure endpoint that has not confirmed yet and deletes the person's account at the
 * identity provider (each call idempotent on the other side: an account already gone is done),
 * records the attempt's outcomes together when it ends (with the completion once all confirmed;
 * otherwise before the retry with backoff). A replica that dies mid-job leaves a lease that expires, and
 * the job is taken again; the services it asked in that attempt are asked again.
 *
 * <p>A scheduled run works in {@code plugin.privacy.erasure.concurrency} lanes at once: each lane is the same
 * loop on a thread of its own, claiming its own batches, so a job is held by one lane (the claim skips
 * locked and leased rows, as it does for another replica) and every job keeps its steps, lease, heartbeat
 * and settlement as when they run one after the other. The jobs' time is mostly waiting for the peers'
 * answers: lanes overlap those waits.
 */
@ApplicationScoped
public class ErasureWorker {

    private static final Logger LOG = Logger.getLogger(ErasureWorker.class);

    private final ErasureJobRepository jobs;
    private final ErasureStepRepository steps;
    private final RequestRepository requests;
    private final RequestService requestService;
    private final PersonalRecords personalRecords;
    private final ContributorClient contributors;
    private final AtomClient atoms;
    private final IdentityProvider identityProvider;
    private final PlatformClock clock;
    private final PrivacyConfig config;
    private final PrivacyMetrics metrics;
    private final LeasedWorkLoop<UUID> loop;
    private final int lanes;
    private volatile ExecutorService laneThreads;

    ErasureWorker(ErasureJobRepository jobs, ErasureStepRepository steps, RequestRepository requests, RequestService requestService,
            PersonalRecords personalRecords, @RestClient ContributorClient contributors, @RestClient AtomClient atoms,
            IdentityProvider identityProvider, PlatformClock clock, PrivacyConfig config,
            PrivacyMetrics metrics, MeterRegistry registry) {
        this.jobs = jobs;
        this.steps = steps;
        this.requests = requests;
        this.requestService = requestService;
        this.personalRecords = personalRecords;
        this.contributors = contributors;
        this.atoms = atoms;
        this.identityProvider = identityProvider;
        this.clock = clock;
        this.config = config;
        this.metrics = metrics;
        this.loop = new LeasedWorkLoop<>("erasure-jobs", jobs, this::run,
                new LeaseSettings(config.jobs().batch(), config.jobs().lease(), config.jobs().heartbeat(),
                        new Backoff(config.jobs().retryInitial(), config.jobs().retryMax())),
                clock::now, LeasedWorkLoop.Transactions.quarkus(), registry);
        this.lanes = Math.max(1, config.erasure().concurrency());
    }

    /**
     * Takes due jobs batch after batch while batches come back full (many deactivations at once), up
     * to {@link LeasedWorkLoop#MAX_BATCHES_PER_RUN}; the next run goes on from there. Failed jobs wait
     * for their backoff, so they never keep a run going.
     */
    @Scheduled(identity = "privacy-erasure-worker", every = "${plugin.privacy.jobs.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runLanes();
        metrics.refresh();
    }

    /**
     * One scheduled run: the loop's {@link LeasedWorkLoop#runScheduled()} in each lane at once, until every
     * lane found its batches no longer full; the lanes beyond the first start only if the first batch was
     * full (more is due than one lane takes at a time).
     */
    void runLanes() {
        if (lanes == 1) {
            loop.runScheduled();
            return;
        }
        try {
            if (loop.runDue() < loop.settings().batch()) {
                loop.refreshGauges();
                return;
            }
        } catch (RuntimeException e) {
            LOG.warnf("erasure-jobs: this run stopped (%s); the next run goes on", LeasedWorkLoop.describe(e));
            return;
        }
        List<Future<?>> running = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            running.add(laneThreads().submit(loop::runScheduled));
        }
        for (Future<?> lane : running) {
            try {
                lane.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.warnf("erasure-jobs: a lane stopped (%s); the next run goes on", LeasedWorkLoop.describe(e.getCause()));
            }
        }
    }

    private ExecutorService laneThreads() {
        ExecutorService executor = laneThreads;
        if (executor == null) {
            synchronized (this) {
                executor = laneThreads;
                if (executor == null) {
                    AtomicInteger n = new AtomicInteger();
                    executor = Executors.newFixedThreadPool(lanes, runnable -> {
                        Thread thread = new Thread(runnable, "erasure-lane-" + n.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                    laneThreads = executor;
                }
            }
        }
        return executor;
    }

    @PreDestroy
    void stopLanes() {
        ExecutorService executor = laneThreads;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Claims and runs the due jobs; returns how many were taken. */
    public int runDue() {
        return loop.runDue();
    }

    /** Runs one job now if no other replica holds it (an admin's retry-now); false when it could not be taken. */
    public boolean runNow(UUID id) {
        return loop.run((now, leaseUntil) -> jobs.claimOne(id, now, leaseUntil) ? List.of(id) : List.of()) > 0;
    }

    private record Pending(UUID contributorId, String subject, List<String> services) {
    }

    /** The domain step: every service that has not confirmed is asked, outside any transaction. */
    Outcome run(UUID jobId) {
        Pending pending = QuarkusTransaction.requiringNew().call(() -> {
            ErasureJob job = jobs.findById(jobId);
            List<String> open = steps.ofJob(jobId).stream().filter(s -> s.status != ErasureStep.Status.CONFIRMED).map(s -> s.service).toList();
            return new Pending(job.contributorId, job.subject, open);
        });
        List<String> failures = new ArrayList<>();
        // each asked service's outcome (null: confirmed), recorded once the attempt ends
        Map<String, String> outcomes = new LinkedHashMap<>();
        String subject = pending.subject();
        boolean contributorConfirmed = !pending.services().contains(ErasureStep.CONTRIBUTOR_SERVICE);
        boolean byAuthor = config.atomService().authorFeedback();
        for (String service : ErasureService.SERVICES) {
            if (!pending.services().contains(service)) {
                continue;
            }
            if (ErasureStep.ATOM_SERVICE.equals(service) && byAuthor && !contributorConfirmed) {
                // the feedback keyed by their login needs the subject, read from contributor-service first
                failures.add("atom-service: waits for contributor-service, where the contributor's login subject is read");
                continue;
            }
            if (ErasureStep.IDENTITY_PROVIDER.equals(service) && subject == null && !contributorConfirmed) {
                // the account is found by the login subject, read from contributor-service first
                failures.add("identity-provider: waits for contributor-service, where the contributor's login subject is read");
                continue;
            }
            try {
                if (ErasureStep.CONTRIBUTOR_SERVICE.equals(service)) {
                    if (subject == null) {
                        subject = learnSubject(jobId, pending.contributorId());
                    }
                    Peers.run(service, () -> contributors.erase(pending.contributorId()));
                    contributorConfirmed = true;
                } else if (ErasureStep.IDENTITY_PROVIDER.equals(service)) {
                    // deleted, or already gone (a repeat); no subject known: contributor-service knew no login to delete
                    if (subject != null) {
                        identityProvider.delete(subject);
                    }
                } else if (byAuthor && subject != null) {
                    eraseInAtomService(pending.contributorId(), subject);
                } else {
                    Peers.run(service, () -> atoms.erase(pending.contributorId()));
                }
                outcomes.put(service, null);
            } catch (PeerException e) {
                LOG.infof("Erasure job %s: %s", jobId, e.getMessage());
                failures.add(e.getMessage());
                outcomes.put(service, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warnf(e, "Erasure job %s: %s failed", jobId, service);
                String error = Peers.truncate(service + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                failures.add(error);
                outcomes.put(service, error);
            }
        }
        if (!failures.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> recordSteps(jobId, outcomes));
            return Outcome.retry(Peers.truncate(String.join("; ", failures)));
        }
        return Outcome.done(heldUntil -> complete(jobId, outcomes));
    }

    /**
     * atom-service erases the contributor and the feedback written under their subject in one call. An
     * answer that does not say it erased under the subject (an atom-service not yet upgraded, which ignores
     * the body) is followed by the erasure by subject on its own, as before the one call existed.
     */
    private void eraseInAtomService(UUID contributorId, String subject) {
        AtomClient.AuthorSubject author = new AtomClient.AuthorSubject(subject);
        AtomClient.ContributorErasure erased = Peers.call(ErasureStep.ATOM_SERVICE, () -> atoms.erase(contributorId, author));
        if (erased == null || erased.author() == null) {
            Peers.run(ErasureStep.ATOM_SERVICE, () -> atoms.eraseAuthor(author));
        }
    }

    /**
     * Reads the contributor's token subject from contributor-service before it erases them (it forgets
     * the subject then), so that settling the job also erases what this service keys by subject. Only
     * the subject is asked for (contributor-service's resolve by id), never their personal-data export.
     * A failure propagates: the erasure there waits for the next attempt.
     */
    private String learnSubject(UUID jobId, UUID contributorId) {
        Resolved resolved;
        try {
            resolved = Peers.call(ErasureStep.CONTRIBUTOR_SERVICE, () -> contributors.resolveId(contributorId));
        } catch (PeerException e) {
            if (e.notFound()) {
                return null; // unknown there: nothing keyed by a subject to find
            }
            throw e;
        }
        String subject = resolved == null ? null : resolved.subject();
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            return null; // none, or none this service could have recorded (its subject columns hold 255 characters)
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            ErasureJob job = jobs.lock(jobId).orElseThrow();
            if (job.status != ErasureJob.Status.COMPLETED && job.subject == null) {
                job.subject = subject;
            }
            return job.subject;
        });
    }

    /**
     * Records what this attempt learned of each service it asked (null: confirmed), in the caller's
     * transaction. One statement row-locks the job's steps, so replicas recording the same job wait for
     * each other. Answers the job's steps, in their order.
     *
     * <p>One record per attempt, not per call: a replica that dies mid-attempt leaves its confirmations
     * unrecorded, and the next attempt asks those services again; each erasure call is idempotent on the
     * other side (a repeat answers as the first did), so nothing is lost but the call.
     */
    private List<ErasureStep> recordSteps(UUID jobId, Map<String, String> outcomes) {
        List<ErasureStep> jobSteps = steps.lockOfJob(jobId);
        Instant now = clock.now();
        for (ErasureStep step : jobSteps) {
            if (!outcomes.containsKey(step.service) || step.status == ErasureStep.Status.CONFIRMED) {
                continue; // not asked this time, or confirmed meanwhile by another replica whose lease this one outlived
            }
            String error = outcomes.get(step.service);
            step.attempts++;
            step.lastAttemptAt = now;
            if (error == null) {
                step.status = ErasureStep.Status.CONFIRMED;
                step.confirmedAt = now;
                step.lastError = null;
            } else {
                step.status = ErasureStep.Status.FAILED;
                step.lastError = Peers.truncate(error);
            }
        }
        return jobSteps;
    }

    /**
     * The attempt confirmed every service it asked: their steps are recorded, and if every service has
     * now confirmed, the job is completed, sealed by its certificate, and this service's own records erased.
     */
    private void complete(UUID jobId, Map<String, String> confirmed) {
        ErasureJob job = jobs.lock(jobId).orElseThrow();
        if (job.status == ErasureJob.Status.COMPLETED) {
            return; // settled by another replica meanwhile: its completion time and certificate stand
        }
        List<ErasureStep> jobSteps = recordSteps(jobId, confirmed);
        boolean allConfirmed = jobSteps.stream().allMatch(s -> s.status == ErasureStep.Status.CONFIRMED);
        job.leaseUntil = null;
        if (!allConfirmed) {
            job.status = ErasureJob.Status.RETRYING;
            job.lastError = "not every service has confirmed yet";
            job.nextAttemptAt = clock.now().plus(loop.settings().backoff().after(job.attempts));
            return;
        }
        job.status = ErasureJob.Status.COMPLETED;
        job.completedAt = clock.now();
        job.lastError = null;
        job.certificateHash = ErasureCertificates.seal(job, jobSteps);
        for (PrivacyRequest r : requests.openOfJob(job.id)) {
            PrivacyRequest.Status from = r.status;
            r.status = PrivacyRequest.Status.COMPLETED;
            r.completedAt = job.completedAt;
            requestService.record(r, Actors.SYSTEM, "COMPLETED", from, "Erased everywhere by job " + job.id);
        }
        personalRecords.eraseContributor(job.contributorId, job.subject);
        job.subject = null;
        LOG.infof("Erasure job %s completed before its deadline %s: %s", job.id, job.deadline, !job.completedAt.isAfter(job.deadline));
    }
}
