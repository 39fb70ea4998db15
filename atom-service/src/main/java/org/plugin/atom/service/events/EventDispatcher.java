package org.plugin.atom.service.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;
import org.plugin.atom.config.EventsConfig;
import org.plugin.atom.repository.EventRepository;
import org.plugin.atom.repository.EventRepository.PendingEvent;
import org.plugin.atom.repository.NotificationRepository;
import org.plugin.atom.repository.NotificationRepository.NotificationRow;
import org.plugin.common.time.Backoff;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.work.LeasedWorkLoop;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Turns recorded {@link CatalogEvent}s into notifications for their recipients, after the commit of
 * the change, in order, durably:
 * <ul>
 * <li><b>Recipients</b>: the owners of chains using the affected Atom version (any version, for an event
 * on the whole Atom), without subscribing, each with the names of those chains; and the Atom's
 * subscribers, for every event on it.</li>
 * <li><b>Atomic per event</b>: the notifications, the webhook deliveries ({@link WebhookOutbox#enqueue},
 * same transaction) and the event marked dispatched commit together, or nothing does. Several events
 * share a transaction under load; a batch that fails rolls back whole and its events go again one per
 * transaction. A dispatch that fails is counted and tried again after a backoff; it is never dropped.</li>
 * <li><b>Order</b>: oldest first; the events of one Atom strictly in their order (one that fails holds
 * back the later ones of its Atom only).</li>
 * <li><b>One dispatcher at a time</b> across replicas: each transaction starts by taking a PostgreSQL
 * advisory lock without waiting; a replica that does not get it leaves the work to the one that did.</li>
 * </ul>
 * Woken after each commit that recorded an event on this replica, and every {@code plugin.atom.events.dispatch-every}
 * (events of another replica whose dispatcher was busy, retries).
 */
@ApplicationScoped
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);
    /** Events dispatched in one transaction at most. */
    static final int BATCH = 50;

    enum Step {
        DISPATCHED, FAILED, NOTHING_DUE, LOCKED
    }

    private final EventRepository events;
    private final NotificationRepository notifications;
    private final WebhookOutbox outbox;
    private final PlatformClock clock;
    private final EventsConfig config;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "catalog-event-dispatcher");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong retrying = new AtomicLong();

    EventDispatcher(EventRepository events, NotificationRepository notifications, WebhookOutbox outbox, PlatformClock clock,
            EventsConfig config, MeterRegistry registry) {
        this.events = events;
        this.notifications = notifications;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        Gauge.builder("plugin.work.pending", pending, AtomicLong::get).description("Items not done yet, leased or not")
                .tag("queue", "catalog-events").register(registry);
        Gauge.builder("plugin.work.retrying", retrying, AtomicLong::get).description("Items waiting for a retry after a failure")
                .tag("queue", "catalog-events").register(registry);
    }

    /** A change that recorded an event committed: dispatch soon, on this replica's dispatcher thread. */
    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogEvents.Recorded recorded) {
        wake();
    }

    @Scheduled(identity = "catalog-event-dispatcher", every = "${plugin.atom.events.dispatch-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyFewSeconds() {
        wake();
    }

    /** Runs the dispatcher on its thread, at once or right after the run under way (wake-ups coalesce). */
    public void wake() {
        again.set(true);
        if (scheduled.compareAndSet(false, true)) {
            try {
                runner.execute(this::drain);
            } catch (RuntimeException e) {
                scheduled.set(false); // shutting down
            }
        }
    }

    private void drain() {
        try {
            while (again.getAndSet(false)) {
                dispatchDue();
            }
        } finally {
            scheduled.set(false);
        }
        if (again.get()) {
            wake();
        }
    }

    /**
     * Dispatches due events until none is due, another replica dispatches, or the run's cap; answers
     * how many. Up to {@link #BATCH} events share a transaction (under load, a commit, a lock and a
     * transaction's overhead per event cost more than the event itself); a batch that fails rolls back
     * whole, and the rest of the run goes one event per transaction, so the failing event is found,
     * counted and retried on its own while the others go out.
     */
    public int dispatchDue() {
        int dispatched = 0;
        boolean batches = true;
        try {
            while (dispatched < config.maxPerRun()) {
                if (batches) {
                    int want = Math.min(BATCH, config.maxPerRun() - dispatched);
                    int done = dispatchBatch(want);
                    if (done < 0) {
                        batches = false;
                        continue;
                    }
                    dispatched += done;
                    if (done < want) {
                        break; // nothing more due, or another replica dispatches
                    }
                    continue;
                }
                Step step = dispatchNext();
                if (step == Step.DISPATCHED) {
                    dispatched++;
                } else if (step != Step.FAILED) {
                    break;
                }
            }
            long[] counts = QuarkusTransaction.requiringNew().call(events::pendingCounts);
            pending.set(counts[0]);
            retrying.set(counts[1]);
        } catch (RuntimeException e) {
            LOG.warnf("catalog events: this run stopped (%s); the next run goes on", LeasedWorkLoop.describe(e));
        }
        return dispatched;
    }

    /**
     * Up to {@code max} due events in one transaction, in {@link #dispatchNext}'s order: how many (fewer
     * than {@code max} when no more is due or another replica holds the lock), or -1 when the batch
     * failed and nothing of it was kept.
     */
    int dispatchBatch(int max) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (!events.tryDispatcherLock()) {
                    return 0;
                }
                int done = 0;
                Instant now = clock.now();
                while (done < max) {
                    PendingEvent next = events.nextDue(now).orElse(null);
                    if (next == null) {
                        break;
                    }
                    dispatch(next);
                    done++;
                }
                return done;
            });
        } catch (RuntimeException e) {
            LOG.debugf("catalog events: a batch failed (%s); going on one event per transaction", LeasedWorkLoop.describe(e));
            return -1;
        }
    }

    /** One event in one transaction, or its failure recorded in another. */
    Step dispatchNext() {
        long[] current = { -1 };
        int[] attempts = { 0 };
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (!events.tryDispatcherLock()) {
                    return Step.LOCKED;
                }
                PendingEvent next = events.nextDue(clock.now()).orElse(null);
                if (next == null) {
                    return Step.NOTHING_DUE;
                }
                current[0] = next.id();
                attempts[0] = next.attempts();
                dispatch(next);
                return Step.DISPATCHED;
            });
        } catch (RuntimeException e) {
            if (current[0] < 0) {
                throw e; // no database: the run stops, the next one tries again
            }
            String error = LeasedWorkLoop.describe(e);
            Instant due = clock.now().plus(Backoff.after(attempts[0] + 1, config.retryInitial(), config.retryMax()));
            LOG.warnf("catalog event %d: dispatch failed (%s), tried again at %s", current[0], error, due);
            QuarkusTransaction.requiringNew().run(() -> events.failed(current[0], error, due));
            return Step.FAILED;
        }
    }

    /** The notifications of one event, its webhook deliveries, and the event marked dispatched: in the caller's transaction. */
    void dispatch(PendingEvent event) {
        Map<UUID, List<String>> recipients = recipients(event);
        Instant now = clock.now();
        recipients.forEach((recipient, chains) -> notifications.insert(new NotificationRow(UUID.randomUUID(), recipient, event.id(),
                event.type(), event.atomName(), event.version(), chains, null, null, null, event.occurredAt(), now, null)));
        outbox.enqueue(new CatalogEvent(event.id(), event.type(), event.atomName(), event.version(),
                event.occurredAt().atOffset(ZoneOffset.UTC)), recipients);
        if (CatalogEvent.ATOM_REMOVED.equals(event.type())) {
            // the Atom is gone: its subscribers have heard, and a new Atom of that name starts with none
            notifications.dropSubscriptionsTo(event.atomName());
        }
        events.markDispatched(event.id(), now);
    }

    /**
     * Owners of chains using the affected version (or any version of the Atom), with those chains, then
     * the Atom's subscribers (with no chains unless they own some). A new version is used by no chain yet.
     */
    Map<UUID, List<String>> recipients(PendingEvent event) {
        Map<UUID, List<String>> recipients = new LinkedHashMap<>();
        if (!CatalogEvent.VERSION_PUBLISHED.equals(event.type())) {
            recipients.putAll(events.chainOwners(event.atomId(), event.version()));
        }
        for (UUID subscriber : notifications.subscribers(event.atomName())) {
            recipients.putIfAbsent(subscriber, List.of());
        }
        return recipients;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
