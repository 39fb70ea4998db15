package org.plugin.contributor.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.plugin.common.time.PlatformClock;
import org.plugin.contributor.client.PrivacyClient;
import org.plugin.contributor.client.PrivacyClient.DeactivationNotice;
import org.plugin.contributor.config.OutboxConfig;
import org.plugin.contributor.repository.DeactivationOutboxRepository;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import org.plugin.common.time.Backoff;

/**
 * Delivers the deactivation outbox to privacy-service. Each event is claimed with
 * {@code FOR UPDATE SKIP LOCKED} in its own transaction, so replicas never send the same one at the
 * same time; a failure (no answer, non-2xx, no token) keeps the event and schedules the next attempt
 * with exponential backoff. Events are never dropped: they leave the queue only when confirmed.
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

    @Scheduled(identity = "deactivation-outbox", every = "${plugin.outbox.every:5s}", delayed = "${plugin.outbox.delayed:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        for (int i = 0; i < config.batchSize(); i++) {
            if (!sendNext()) {
                break;
            }
        }
        pending.set(countPending());
    }

    @Transactional
    long countPending() {
        return outbox.countPending();
    }

    /** Sends the next due event, if any; true when there was one (delivered or not). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean sendNext() {
        var now = now();
        var claimed = outbox.claimNextDue(now);
        if (claimed.isEmpty()) {
            return false;
        }
        var event = claimed.get();
        event.attempts++;
        event.lastAttemptAt = now;
        String failure = deliver(new DeactivationNotice(event.eventId, event.contributorId, event.deactivatedAt));
        if (failure == null) {
            event.deliveredAt = now();
            event.lastError = null;
            LOG.infof("Deactivation %s of contributor %s delivered to privacy-service (attempt %d)",
                    event.eventId, event.contributorId, event.attempts);
        } else {
            var wait = Backoff.after(event.attempts, config.initialBackoff(), config.maxBackoff());
            event.nextAttemptAt = now.plus(wait);
            event.lastError = failure.length() > 500 ? failure.substring(0, 500) : failure;
            LOG.warnf("Deactivation %s of contributor %s not delivered (attempt %d: %s); next attempt in %s",
                    event.eventId, event.contributorId, event.attempts, event.lastError, wait);
        }
        return true;
    }

    /** Null when privacy-service confirmed, else why not. */
    private String deliver(DeactivationNotice notice) {
        try (Response response = privacy.deactivated(notice)) {
            int status = response.getStatus();
            return status / 100 == 2 ? null : "privacy-service answered " + status;
        } catch (WebApplicationException e) {
            return "privacy-service answered " + e.getResponse().getStatus();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Now, to the microsecond PostgreSQL keeps, so what is answered equals what is read back later. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
