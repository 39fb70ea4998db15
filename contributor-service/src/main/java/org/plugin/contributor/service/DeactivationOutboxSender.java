package org.plugin.contributor.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.plugin.common.time.Backoff;
import org.plugin.common.time.PlatformClock;
import org.plugin.contributor.client.PeerRefusedException;
import org.plugin.contributor.client.PrivacyClient;
import org.plugin.contributor.client.PrivacyClient.DeactivationNotice;
import org.plugin.contributor.config.OutboxConfig;
import org.plugin.contributor.repository.DeactivationOutbox;
import org.plugin.contributor.repository.DeactivationOutboxRepository;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.TimeoutException;

/**
 * Delivers the deactivation outbox to privacy-service. Each event is claimed in a short transaction
 * of its own ({@code FOR UPDATE SKIP LOCKED}, then a lease written into {@code next_attempt_at}),
 * sent with no transaction open and no database connection or row lock held while privacy-service
 * answers, and its outcome recorded in a second short transaction. A failure (no answer, non-2xx, no
 * token) keeps the event and schedules the next attempt with exponential backoff; a replica that dies
 * mid-call leaves a lease that expires, and the event is sent again (privacy-service is idempotent on
 * {@code eventId}). Events are never dropped: they leave the queue only when confirmed.
 */
@ApplicationScoped
public class DeactivationOutboxSender {

    private static final Logger LOG = Logger.getLogger(DeactivationOutboxSender.class);

    private final DeactivationOutboxRepository outbox;
    private final PrivacyClient privacy;
    private final PlatformClock clock;
    private final OutboxConfig config;
    private final AtomicLong pending = new AtomicLong();

    DeactivationOutboxSender(DeactivationOutboxRepository outbox, @RestClient PrivacyClient privacy, PlatformClock clock,
            OutboxConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.privacy = privacy;
        this.clock = clock;
        this.config = config;
        Gauge.builder("plugin.outbox.pending", pending, AtomicLong::get)
                .description("Deactivations not yet confirmed by privacy-service")
                .tag("event", "deactivation").register(registry);
    }

    /** One claimed attempt: what to send, and which attempt it is (the claim's identity). */
    record Claim(UUID eventId, UUID contributorId, Instant deactivatedAt, int attempt) {
        static Claim of(DeactivationOutbox e) {
            return new Claim(e.eventId, e.contributorId, e.deactivatedAt, e.attempts);
        }

        DeactivationNotice notice() {
            return new DeactivationNotice(eventId, contributorId, deactivatedAt);
        }
    }

    @Scheduled(identity = "deactivation-outbox", every = "${plugin.outbox.every:5s}", delayed = "${plugin.outbox.delayed:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        for (int i = 0; i < config.batchSize(); i++) {
            if (!sendNext()) {
                break;
            }
        }
        pending.set(QuarkusTransaction.requiringNew().call(outbox::countPending));
    }

    /** Claims, sends and settles the next due event, if any; true when there was one (delivered or not). */
    public boolean sendNext() {
        var claimedAt = clock.now();
        Optional<Claim> claimed = QuarkusTransaction.requiringNew().call(() -> outbox
                .claimDue(claimedAt, claimedAt.plus(config.lease()), 1).stream().findFirst().map(Claim::of));
        if (claimed.isEmpty()) {
            return false;
        }
        var claim = claimed.get();
        String failure = deliver(claim.notice()); // no transaction, no connection, no lock held meanwhile
        QuarkusTransaction.requiringNew().run(() -> settle(claim, failure));
        return true;
    }

    private void settle(Claim claim, String failure) {
        var event = outbox.lock(claim.eventId()).orElse(null);
        if (event == null || event.deliveredAt != null) {
            return; // confirmed meanwhile by a replica that took the event after this one's lease ran out
        }
        if (failure == null) {
            event.deliveredAt = clock.now();
            event.lastError = null;
            LOG.infof("Deactivation %s of contributor %s delivered to privacy-service (attempt %d)",
                    event.eventId, event.contributorId, claim.attempt());
            return;
        }
        if (event.attempts != claim.attempt()) {
            return; // claimed again by another replica after this one's lease ran out: its outcome stands
        }
        var wait = Backoff.after(claim.attempt(), config.initialBackoff(), config.maxBackoff());
        event.nextAttemptAt = clock.now().plus(wait);
        event.lastError = failure.length() > 500 ? failure.substring(0, 500) : failure;
        LOG.warnf("Deactivation %s of contributor %s not delivered (attempt %d: %s); next attempt in %s",
                event.eventId, event.contributorId, claim.attempt(), event.lastError, wait);
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
