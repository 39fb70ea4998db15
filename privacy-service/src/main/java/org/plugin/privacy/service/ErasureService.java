package org.plugin.privacy.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.common.error.DomainException;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.privacy.api.ErasureDtos.Certificate;
import org.plugin.privacy.api.ErasureDtos.Deactivation;
import org.plugin.privacy.api.ErasureDtos.DeactivationReceipt;
import org.plugin.privacy.api.ErasureDtos.JobView;
import org.plugin.privacy.api.ErasureDtos.StepView;
import org.plugin.privacy.api.JobSource;
import org.plugin.privacy.api.JobStatus;
import org.plugin.privacy.api.StepStatus;
import org.plugin.privacy.config.PrivacyConfig;
import org.plugin.privacy.repository.DeactivationEvent;
import org.plugin.privacy.repository.DeactivationEventRepository;
import org.plugin.privacy.repository.ErasureJob;
import org.plugin.privacy.repository.ErasureJobRepository;
import org.plugin.privacy.repository.ErasureStep;
import org.plugin.privacy.repository.ErasureStepRepository;
import org.plugin.privacy.repository.PrivacyRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Erasure jobs: created from deactivations (idempotent on event id and on contributor) and from
 * approved ERASURE requests, listed for admins with per-service status, retried on demand, and
 * certified once done. {@link ErasureWorker} runs them.
 */
@ApplicationScoped
public class ErasureService {

    /**
     * The holders every job must hear from, in call order: the identity provider last, since it is
     * reached by the login subject that contributor-service gives first.
     */
    public static final List<String> SERVICES = List.of(ErasureStep.CONTRIBUTOR_SERVICE, ErasureStep.ATOM_SERVICE,
            ErasureStep.IDENTITY_PROVIDER);

    private final ErasureJobRepository jobs;
    private final ErasureStepRepository steps;
    private final DeactivationEventRepository deactivations;
    private final PlatformClock clock;
    private final PrivacyConfig config;
    private final ErasureWorker worker;
    private final PrivacyMetrics metrics;

    ErasureService(ErasureJobRepository jobs, ErasureStepRepository steps, DeactivationEventRepository deactivations,
            PlatformClock clock, PrivacyConfig config, ErasureWorker worker, PrivacyMetrics metrics) {
        this.jobs = jobs;
        this.steps = steps;
        this.deactivations = deactivations;
        this.clock = clock;
        this.config = config;
        this.worker = worker;
        this.metrics = metrics;
    }

    public record Received(DeactivationReceipt receipt, boolean created) {
    }

    /**
     * Records a deactivation and its erasure job. A redelivered event, or another event for a
     * contributor who already has a job, answers with that job and creates nothing.
     */
    public Received receive(Deactivation d) {
        ErasureDeadlines.checkPlausible(d.deactivatedAt());
        return Transactions.insertOrGet(() -> receiveInTransaction(d), () -> receiveInTransaction(d));
    }

    private Received receiveInTransaction(Deactivation d) {
        DeactivationEvent known = deactivations.findById(d.eventId());
        if (known != null) {
            if (!known.contributorId.equals(d.contributorId())) {
                throw DomainException.conflict("Event " + d.eventId() + " was already received for another contributor");
            }
            return new Received(receipt(known, jobs.findById(known.jobId)), false);
        }
        Instant deactivatedAt = d.deactivatedAt().truncatedTo(ChronoUnit.MICROS);
        Instant deadline = ErasureDeadlines.afterDeactivation(deactivatedAt);
        ErasureJob job = jobs.byContributorForUpdate(d.contributorId()).orElse(null);
        boolean created = job == null;
        if (created) {
            job = newJob(ErasureJob.Source.DEACTIVATION, d.contributorId(), d.subject(), null, deactivatedAt, deadline,
                    deactivatedAt.plus(config.erasure().gracePeriod()));
        } else if (job.status != ErasureJob.Status.COMPLETED) {
            if (deadline.isBefore(job.deadline)) {
                job.deadline = deadline;
            }
            if (job.subject == null) {
                job.subject = d.subject();
            }
        }
        DeactivationEvent event = new DeactivationEvent();
        event.eventId = d.eventId();
        event.contributorId = d.contributorId();
        event.deactivatedAt = deactivatedAt;
        event.receivedAt = clock.now();
        event.jobId = job.id;
        deactivations.persist(event);
        deactivations.flush();
        return new Received(receipt(event, job), created);
    }

    /** The job erasing the requester of an approved ERASURE request (joins an existing one). Runs in the caller's transaction. */
    ErasureJob forRequest(PrivacyRequest request, UUID contributorId) {
        var existing = jobs.byContributorForUpdate(contributorId);
        if (existing.isPresent()) {
            ErasureJob job = existing.get();
            if (job.requestId == null) {
                job.requestId = request.id;
            }
            if (job.status != ErasureJob.Status.COMPLETED && job.subject == null) {
                job.subject = request.subject;
            }
            return job;
        }
        Instant now = clock.now();
        ErasureJob job = newJob(ErasureJob.Source.REQUEST, contributorId, request.subject, request.id, now,
                ErasureDeadlines.ofRequest(request.receivedAt, request.extendedMonths), now);
        jobs.flush();
        return job;
    }

    /**
     * A new job with all its values set before {@code persist}: Hibernate inserts the state it had at
     * {@code persist}, so a value set after it cost an UPDATE of its own at the flush.
     */
    private ErasureJob newJob(ErasureJob.Source source, UUID contributorId, String subject, UUID requestId, Instant deactivatedAt,
            Instant deadline, Instant runAfter) {
        ErasureJob job = new ErasureJob();
        job.id = UUID.randomUUID();
        job.contributorId = contributorId;
        job.subject = subject;
        job.source = source;
        job.requestId = requestId;
        job.deactivatedAt = deactivatedAt;
        job.deadline = deadline;
        job.runAfter = runAfter;
        job.nextAttemptAt = runAfter;
        job.status = ErasureJob.Status.SCHEDULED;
        job.createdAt = clock.now();
        jobs.persist(job);
        for (String service : SERVICES) {
            ErasureStep step = new ErasureStep();
            step.jobId = job.id;
            step.service = service;
            step.status = ErasureStep.Status.PENDING;
            steps.persist(step);
        }
        return job;
    }

    private static DeactivationReceipt receipt(DeactivationEvent event, ErasureJob job) {
        return new DeactivationReceipt(event.eventId, event.contributorId, job.id, Enums.as(JobStatus.class, job.status), job.deadline,
                job.runAfter);
    }

    /** The admins' list; the at-risk gauge is refreshed on the way. */
    @Transactional
    public Page<JobView> search(JobStatus status, Boolean atRisk, PageRequest page) {
        metrics.refresh();
        Instant now = clock.now();
        Instant atRiskFrom = now.plus(config.erasure().atRiskMargin());
        Page<ErasureJob> found = jobs.search(Enums.as(ErasureJob.Status.class, status), atRisk, now, atRiskFrom, page);
        Map<UUID, List<ErasureStep>> byJob = steps.ofJobs(found.items().stream().map(j -> j.id).toList()).stream()
                .collect(Collectors.groupingBy(s -> s.jobId));
        return found.map(j -> view(j, byJob.getOrDefault(j.id, List.of())));
    }

    @Transactional
    public JobView get(UUID id) {
        ErasureJob job = jobs.findByIdOptional(id).orElseThrow(() -> DomainException.notFound("No erasure job " + id));
        return view(job, steps.ofJob(id));
    }

    /**
     * The admin's retry-now: makes the job due and runs it here, unless another replica holds it;
     * answers the job as it stands afterwards.
     */
    public JobView retry(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> makeDue(id));
        worker.runNow(id);
        return QuarkusTransaction.requiringNew().call(() -> get(id));
    }

    private void makeDue(UUID id) {
        ErasureJob job = jobs.lock(id)
                .orElseThrow(() -> DomainException.notFound("No erasure job " + id));
        if (job.status == ErasureJob.Status.COMPLETED) {
            throw DomainException.conflict("The erasure job is already completed");
        }
        Instant now = clock.now();
        if (now.isBefore(job.runAfter)) {
            throw DomainException.conflict("The job is in its grace period until " + job.runAfter + "; it runs on its own then");
        }
        job.nextAttemptAt = now;
    }

    @Transactional
    public Certificate certificate(UUID id) {
        ErasureJob job = jobs.findByIdOptional(id).orElseThrow(() -> DomainException.notFound("No erasure job " + id));
        if (job.status != ErasureJob.Status.COMPLETED) {
            throw DomainException.conflict("The erasure job is " + job.status + "; a certificate exists once every service confirmed");
        }
        return ErasureCertificates.of(job, steps.ofJob(id));
    }

    JobView view(ErasureJob j, List<ErasureStep> jobSteps) {
        boolean atRisk = ErasureDeadlines.atRisk(j, clock.instant(), config.erasure().atRiskMargin());
        List<StepView> stepViews = jobSteps.stream()
                .sorted(Comparator.comparing(s -> SERVICES.indexOf(s.service)))
                .map(s -> new StepView(s.service, Enums.as(StepStatus.class, s.status), s.attempts, s.lastAttemptAt, s.lastError,
                        s.confirmedAt))
                .toList();
        return new JobView(j.id, j.contributorId, Enums.as(JobSource.class, j.source), j.requestId, Enums.as(JobStatus.class, j.statusAt(clock.now())),
                j.deactivatedAt, j.deadline, j.runAfter, j.createdAt, j.completedAt, j.attempts,
                j.status == ErasureJob.Status.COMPLETED ? null : j.nextAttemptAt, j.lastError, atRisk, stepViews);
    }
}
