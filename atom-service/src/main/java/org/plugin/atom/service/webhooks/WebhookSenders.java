package org.plugin.atom.service.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.plugin.atom.client.WebhookSender;
import org.plugin.atom.client.WebhookSender.Result;
import org.plugin.atom.config.WebhookConfig;
import org.plugin.atom.repository.Webhook;
import org.plugin.atom.repository.WebhookDeliveryRepository;
import org.plugin.atom.repository.WebhookDeliveryRepository.Claimed;
import org.plugin.atom.repository.WebhookRepository;
import org.plugin.atom.service.events.WebhookNotices;
import org.plugin.common.time.Backoff;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.work.LeaseSettings;
import org.plugin.common.work.LeasedWorkLoop;
import org.plugin.common.work.Outcome;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the webhook outbox, on common's {@link LeasedWorkLoop}: {@code senders} threads per replica each
 * claim a batch of due deliveries ({@code FOR UPDATE SKIP LOCKED}, leased and renewed by a heartbeat, so
 * two replicas never send the same delivery at once), send them with no transaction open, and record
 * each attempt. A failure is retried after the schedule's wait, with jitter; a delivery still failing
 * {@code give-up-after} after it was queued is given up; a webhook whose attempts keep failing (N in a
 * row, or for {@code disable-after-failing-for}) is disabled, its pending deliveries given up, and its
 * owner told ({@link WebhookNotices}). Idle senders look every {@code poll-every}, and are woken when
 * this replica queues a delivery.
 */
@ApplicationScoped
public class WebhookSenders {

    private static final Logger LOG = Logger.getLogger(WebhookSenders.class);

    private final WebhookDeliveryRepository deliveries;
    private final WebhookRepository webhooks;
    private final WebhookSender sender;
    private final WebhookNotices notices;
    private final WebhookConfig config;
    private final PlatformClock clock;
    private final LeasedWorkLoop<Claimed> loop;
    private final Timer latency;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition due = lock.newCondition();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private long wakeups;

    WebhookSenders(WebhookDeliveryRepository deliveries, WebhookRepository webhooks, WebhookSender sender, WebhookNotices notices,
            WebhookConfig config, PlatformClock clock, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.sender = sender;
        this.notices = notices;
        this.config = config;
        this.clock = clock;
        this.loop = new LeasedWorkLoop<>("webhook-deliveries", deliveries, this::send,
                new LeaseSettings(config.batch(), config.lease(), config.heartbeat(),
                        new Backoff(config.retrySchedule().get(0), config.retrySchedule().get(config.retrySchedule().size() - 1))),
                clock::now, LeasedWorkLoop.Transactions.quarkus(), registry);
        this.latency = Timer.builder("plugin.webhooks.delivery.latency").description("From the event to its delivery's 2xx answer")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void start(@Observes StartupEvent started) {
        if (!config.sendEnabled()) {
            return;
        }
        running = true;
        for (int i = 0; i < config.senders(); i++) {
            Thread t = new Thread(this::senderLoop, "webhook-sender-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        wake();
        for (Thread t : threads) {
            try {
                t.join(config.readTimeout().toMillis() + config.connectTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Something was queued on this replica: idle senders look now rather than at their next poll. */
    public void wake() {
        lock.lock();
        try {
            wakeups++;
            due.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void senderLoop() {
        while (running) {
            int claimed;
            try {
                claimed = loop.runDue();
            } catch (RuntimeException e) {
                LOG.debugf("webhook-deliveries: no claim this time (%s)", LeasedWorkLoop.describe(e));
                claimed = 0;
            }
            if (claimed == 0) {
                idle();
            }
        }
    }

    private void idle() {
        lock.lock();
        try {
            long seen = wakeups;
            long nanos = config.pollEvery().toNanos();
            while (running && seen == wakeups && nanos > 0) {
                nanos = due.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Sends every due delivery now, on the calling thread (tests, and the bench's drain). Answers how many were claimed. */
    public int sendDueNow() {
        int total = 0;
        int claimed;
        while ((claimed = loop.runDue()) > 0) {
            total += claimed;
        }
        return total;
    }

    @Scheduled(identity = "webhook-deliveries-housekeeping", every = "1m", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void housekeeping() {
        try {
            loop.refreshGauges();
            QuarkusTransaction.requiringNew().run(() -> deliveries.purgeSettled(clock.now().minus(config.keepDeliveries())));
        } catch (RuntimeException e) {
            LOG.debugf("webhook-deliveries: housekeeping skipped (%s)", LeasedWorkLoop.describe(e));
        }
    }

    /** The domain step: one call, outside any transaction; its outcome recorded by the loop's settlement. */
    private Outcome send(Claimed item) {
        byte[] body = item.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Instant at = clock.now();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CloudEvents.CONTENT_TYPE);
        headers.put("User-Agent", "Plugin-Webhooks/1.0");
        headers.put(Signatures.HEADER, Signatures.header(item.secret(), at.getEpochSecond(), body));
        headers.put("Plugin-Event-Id", Long.toString(item.eventId()));
        headers.put("Plugin-Event-Type", item.eventType());
        headers.put("Plugin-Delivery", item.id().toString());
        headers.put("Plugin-Delivery-Attempt", Integer.toString(item.attempt()));
        Result result = sender.post(item.url(), body, headers);
        return Outcome.done(heldUntil -> settle(item, heldUntil, at, result));
    }

    /** Records the attempt and its consequences, in the loop's transaction. */
    void settle(Claimed item, Instant heldUntil, Instant attemptedAt, Result result) {
        Instant now = clock.now();
        String error = result.error() != null ? result.error() : result.delivered() ? null : "status " + result.status();
        deliveries.recordAttempt(item, attemptedAt, result.status(), result.error(), (int) Math.min(Integer.MAX_VALUE, result.durationMillis()));
        if (result.delivered()) {
            if (deliveries.settle(item, heldUntil, WebhookDeliveryRepository.DELIVERED, null, result.status(), null, now)) {
                webhooks.lock(item.webhookId()).ifPresent(w -> {
                    w.consecutiveFailures = 0;
                    w.failingSince = null;
                });
                latency.record(Duration.between(item.createdAt(), now));
            }
            return;
        }
        boolean expired = !now.isBefore(item.createdAt().plus(config.giveUpAfter()));
        String state = expired ? WebhookDeliveryRepository.FAILED : WebhookDeliveryRepository.PENDING;
        if (!deliveries.settle(item, heldUntil, state, expired ? null : now.plus(retryWait(item.attempt())), result.status(), error, null)) {
            return; // settled or taken over meanwhile
        }
        Webhook w = webhooks.lock(item.webhookId()).orElse(null);
        if (w == null || !w.enabled) {
            return;
        }
        w.consecutiveFailures++;
        if (w.failingSince == null) {
            w.failingSince = attemptedAt;
        }
        if (w.consecutiveFailures >= config.disableAfterFailures() || !now.isBefore(w.failingSince.plus(config.disableAfterFailingFor()))) {
            String reason = "failed " + w.consecutiveFailures + " times in a row since " + w.failingSince + "; last: " + error;
            w.enabled = false;
            w.disabledAt = now;
            w.disabledReason = reason.length() > 300 ? reason.substring(0, 300) : reason;
            w.updatedAt = now;
            deliveries.failPending(w.id, "webhook disabled after repeated failures");
            notices.webhookDisabled(w.ownerId, w.id, w.url, w.disabledReason);
        }
    }

    /** The wait before the next attempt after attempt {@code attempt} failed: the schedule's, spread by the jitter. */
    Duration retryWait(int attempt) {
        List<Duration> schedule = config.retrySchedule();
        Duration base = schedule.get(Math.min(Math.max(attempt, 1), schedule.size()) - 1);
        double spread = config.jitter() <= 0 ? 1.0 : 1.0 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * config.jitter();
        return Duration.ofNanos(Math.max(1, (long) (base.toNanos() * spread)));
    }
}
