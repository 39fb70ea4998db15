package org.plugin.contributor.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.plugin.common.time.Backoff;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.work.LeaseSettings;
import org.plugin.common.work.LeasedWorkLoop;
import org.plugin.common.work.Outcome;
import org.plugin.contributor.client.PeerRefusedException;
import org.plugin.contributor.client.PrivacyClient;
import org.plugin.contributor.client.PrivacyClient.DeactivationNotice;
import org.plugin.contributor.config.OutboxConfig;
import org.plugin.contributor.repository.ContributorRepository;
import org.plugin.contributor.repository.DeactivationOutbox;
import org.plugin.contributor.repository.DeactivationOutboxRepository;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.TimeoutException;

/**
 * Delivers the deactivation outbox to privacy-service, on common's {@link LeasedWorkLoop}: events are
 * claimed one at a time ({@code FOR UPDATE SKIP LOCKED}, the lease written into {@code next_attempt_at}
 * and renewed while the sender lives), sent with no transaction open and no database connection or row
 * lock held while privacy-service answers, and their outcome recorded afterwards. A failure (no answer,
 * non-2xx, no token) keeps the event and schedules the next attempt with exponential backoff; a replica
 * that dies mid-call leaves a lease that expires, and the event is sent again (privacy-service is
 * idempotent on {@code eventId}). Events are never dropped: they leave the queue only when confirmed.
 * This class keeps the domain step (the call); the queue's SQL is {@link DeactivationOutboxRepository}'s.
 */
@ApplicationScoped
public class DeactivationOutboxSender {

    private static final Logger LOG = Logger.getLogger(DeactivationOutboxSender.class);

    private final DeactivationOutboxRepository outbox;
    private final ContributorRepository contributors;
    private final PrivacyClient privacy;
    private final PlatformClock clock;
    private final OutboxConfig config;
    private final AtomicLong pending = new AtomicLong();
    private final LeasedWorkLoop<DeactivationOutbox> loop;

    DeactivationOutboxSender(DeactivationOutboxRepository outbox, ContributorRepository contributors, @RestClient PrivacyClient privacy,
            PlatformClock clock, OutboxConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.contributors = contributors;
        this.privacy = privacy;
        this.clock = clock;
        this.config = config;
        Gauge.builder("plugin.outbox.pending", pending, AtomicLong::get)
                .description("Deactivations not yet confirmed by privacy-service")
                .tag("event", "deactivation").register(registry);
        // one event per claim: each call may take up to the call timeout, and the next waiting event stays free for another replica
        this.loop = new LeasedWorkLoop<>("deactivation-outbox", outbox, this::send,
                new LeaseSettings(1, config.lease(), config.heartbeat(), new Backoff(config.initialBackoff(), config.maxBackoff())),
                clock::now, LeasedWorkLoop.Transactions.quarkus(), registry);
    }

    @Scheduled(identity = "deactivation-outbox", every = "${plugin.outbox.every:5s}", delayed = "${plugin.outbox.delayed:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        for (int i = 0; i < config.batchSize(); i++) {
            if (!sendNext()) {
                break;
            }
        }
        loop.refreshGauges();
        pending.set(QuarkusTransaction.requiringNew().call(outbox::countPending));
    }

    /** Claims, sends and settles the next due event, if any; true when there was one (delivered or not). */
    public boolean sendNext() {
        return loop.runDue() > 0;
    }

    /** The domain step: one delivery, outside any transaction. */
    private Outcome send(DeactivationOutbox claimed) {
        // the login subject rides along: privacy-service's erasure job then need not ask for it before erasing
        String subject = QuarkusTransaction.requiringNew()
                .call(() -> contributors.findByIdOptional(claimed.contributorId).map(c -> c.subject).orElse(null));
        var notice = new DeactivationNotice(claimed.eventId, claimed.contributorId, claimed.deactivatedAt, subject);
        String failure = deliver(notice);
        if (failure == null) {
            LOG.infof("Deactivation %s of contributor %s delivered to privacy-service (attempt %d)",
                    claimed.eventId, claimed.contributorId, claimed.attempts);
            return Outcome.done(heldUntil -> outbox.delivered(claimed.eventId, clock.now()));
        }
        LOG.warnf("Deactivation %s of contributor %s not delivered (attempt %d: %s); next attempt in %s", claimed.eventId,
                claimed.contributorId, claimed.attempts, failure, Backoff.after(claimed.attempts, config.initialBackoff(), config.maxBackoff()));
        return Outcome.retry(failure);
    }

    /** Null when privacy-service confirmed, else why not. */
    private String deliver(DeactivationNotice notice) {
        try {
            privacy.deactivated(notice).await().atMost(config.callTimeout());
            return null;
        } catch (TimeoutException e) {
            return "no answer from privacy-service (token request included) within " + config.callTimeout();
        } catch (PeerRefusedException e) {
            return "privacy-service answered " + e.status();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
