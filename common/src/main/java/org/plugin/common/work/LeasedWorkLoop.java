package org.plugin.common.work;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Leased work on a PostgreSQL table, written once: claim due items ({@code FOR UPDATE SKIP LOCKED},
 * with a lease, in a short transaction), run the domain step of each with no transaction, connection
 * or row lock held, and settle each in a short transaction of its own: done, given up (the domain
 * says a retry cannot help) or released for a retry after the backoff.
 *
 * <ul>
 * <li><b>A dead replica</b> stops renewing: the leases of what it held expire after {@link LeaseSettings#lease()}
 * (short: a heartbeat renews them every {@link LeaseSettings#heartbeat()} while the replica lives, the
 * waiting items of a batch included), and another replica takes them again.</li>
 * <li><b>A database outage</b> during a batch: an outcome that cannot be recorded is kept in memory and
 * recorded first thing when the loop runs again and reaches the database, so the items are released
 * with their retry backoff then, rather than when their lease runs out. If this replica dies
 * meanwhile, the lease expires as above.</li>
 * <li><b>Two replicas</b> never run the same item: a claim skips locked rows and leased ones, and a renewal
 * or settlement under a lease that is no longer the item's changes nothing.</li>
 * </ul>
 *
 * Metrics per queue (tag {@code queue}): gauges {@code plugin.work.pending} and {@code plugin.work.retrying}
 * (refreshed by {@link #runScheduled()}), {@code plugin.work.running} (what this replica holds now), counters {@code plugin.work.attempts},
 * {@code plugin.work.failures} (outcomes to retry) and {@code plugin.work.given.up}.
 *
 * @param <T> one claimed item, as the queue answers it
 */
public final class LeasedWorkLoop<T> {

    private static final Logger LOG = Logger.getLogger(LeasedWorkLoop.class);

    /** The domain step of one item, called with no transaction open. Exceptions count as {@link Outcome#retry}. */
    @FunctionalInterface
    public interface Step<T> {
        Outcome run(T item);
    }

    /** A claim other than the queue's {@link LeasedQueue#claimDue} (one item on demand, one contributor's rows). */
    @FunctionalInterface
    public interface Claim<T> {
        List<T> claim(Instant now, Instant leaseUntil);
    }

    /** Runs work in a new transaction of its own; {@link #quarkus()} in a service, a plain call in unit tests. */
    @FunctionalInterface
    public interface Transactions {
        <R> R inNew(Supplier<R> work);

        default void inNew(Runnable work) {
            inNew(() -> {
                work.run();
                return null;
            });
        }

        static Transactions quarkus() {
            return new Transactions() {
                @Override
                public <R> R inNew(Supplier<R> work) {
                    return QuarkusTransaction.requiringNew().call(work::get);
                }
            };
        }
    }

    /** Batches one scheduled run takes back to back while they come back full: a backlog goes at the speed of the work. */
    public static final int MAX_BATCHES_PER_RUN = 50;

    private final String name;
    private final LeasedQueue<T> queue;
    private final Step<T> step;
    private final LeaseSettings settings;
    private final Supplier<Instant> now;
    private final Transactions transactions;
    private final Queue<Unsettled<T>> unsettled = new ConcurrentLinkedQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private final AtomicLong retrying = new AtomicLong();
    private final Counter attempts;
    private final Counter failures;
    private final Counter givenUp;
    private volatile ScheduledExecutorService heartbeats;

    /**
     * @param name         the queue's name in logs and metrics
     * @param now          the platform's clock, to the microsecond (leases are compared as stored)
     * @param registry     where the metrics go; null for none
     */
    public LeasedWorkLoop(String name, LeasedQueue<T> queue, Step<T> step, LeaseSettings settings, Supplier<Instant> now,
            Transactions transactions, MeterRegistry registry) {
        this.name = name;
        this.queue = queue;
        this.step = step;
        this.settings = settings;
        this.now = now;
        this.transactions = transactions;
        if (registry != null) {
            gauge(registry, "plugin.work.pending", pending, "Items not done yet, leased or not");
            gauge(registry, "plugin.work.running", running, "Items this replica holds under a lease right now (claimed, not settled)");
            gauge(registry, "plugin.work.retrying", retrying, "Items waiting for a retry after a failure");
            attempts = Counter.builder("plugin.work.attempts").description("Items claimed").tag("queue", name).register(registry);
            failures = Counter.builder("plugin.work.failures").description("Attempts that ended in a retry").tag("queue", name)
                    .register(registry);
            givenUp = Counter.builder("plugin.work.given.up").description("Items the domain gave up on").tag("queue", name)
                    .register(registry);
        } else {
            attempts = failures = givenUp = null;
        }
    }

    private void gauge(MeterRegistry registry, String meter, AtomicLong value, String description) {
        Gauge.builder(meter, value, AtomicLong::get).description(description).tag("queue", name).register(registry);
    }

    public LeaseSettings settings() {
        return settings;
    }

    /**
     * What a scheduler calls: batch after batch while they come back full (up to {@link #MAX_BATCHES_PER_RUN}),
     * then the gauges. A database that cannot be reached ends the run quietly; the next one tries again.
     */
    public void runScheduled() {
        try {
            for (int batches = 1; runDue() == settings.batch() && batches < MAX_BATCHES_PER_RUN; batches++) {
                // a full batch: more may be due
            }
            refreshGauges();
        } catch (RuntimeException e) {
            LOG.warnf("%s: this run stopped (%s); the next run goes on", name, describe(e));
        }
    }

    /** Claims one batch of due items and runs it; answers how many were claimed. */
    public int runDue() {
        return run((at, leaseUntil) -> queue.claimDue(at, leaseUntil, settings.batch()));
    }

    /**
     * Claims with {@code claim} and runs what it took, in order: each item's step, then its settlement.
     * Outcomes an earlier run could not record are recorded first. Answers how many items were claimed;
     * a claim that fails (no database) throws.
     */
    public int run(Claim<T> claim) {
        settleLeftovers();
        Instant at = now.get();
        Instant leaseUntil = at.plus(settings.lease());
        List<T> items = transactions.inNew(() -> claim.claim(at, leaseUntil));
        if (items.isEmpty()) {
            return 0;
        }
        increment(attempts, items.size());
        List<Held<T>> held = new ArrayList<>(items.size());
        items.forEach(item -> held.add(new Held<>(item, leaseUntil)));
        ScheduledFuture<?> beat = startHeartbeat(held);
        running.addAndGet(held.size());
        try {
            for (Held<T> h : held) {
                try {
                    settle(h, runStep(h.item));
                } finally {
                    running.decrementAndGet();
                }
            }
        } finally {
            if (beat != null) {
                beat.cancel(false);
            }
        }
        return items.size();
    }

    /** Items whose outcome waits for the database (an outage during their batch). */
    public int unsettled() {
        return unsettled.size();
    }

    /** Reads the queue's counts into the gauges. */
    public QueueCounts refreshGauges() {
        QueueCounts counts = transactions.inNew(() -> queue.counts(now.get()));
        pending.set(counts.pending());
        retrying.set(counts.retrying());
        return counts;
    }

    private Outcome runStep(T item) {
        try {
            Outcome outcome = step.run(item);
            return outcome == null ? Outcome.done() : outcome;
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: the step of %s failed; it is retried after its backoff", name, item);
            return Outcome.retry(describe(e));
        }
    }

    private void settle(Held<T> h, Outcome outcome) {
        if (outcome instanceof Outcome.Retry) {
            increment(failures, 1);
        } else if (outcome instanceof Outcome.Done done && done.gaveUp()) {
            increment(givenUp, 1);
        }
        synchronized (h) {
            h.settled = true;
            try {
                record(h, outcome);
            } catch (RuntimeException e) {
                unsettled.add(new Unsettled<>(h, outcome));
                LOG.warnf("%s: the outcome of %s could not be recorded (%s); it is recorded as soon as the database answers",
                        name, h.item, describe(e));
            }
        }
    }

    private void record(Held<T> h, Outcome outcome) {
        transactions.inNew(() -> {
            if (outcome instanceof Outcome.Done done) {
                done.settlement().record(h.heldUntil);
            } else if (outcome instanceof Outcome.Retry retry) {
                queue.retryLater(h.item, h.heldUntil, retry.error(), now.get(), settings.backoff());
            }
        });
    }

    /** Records what an outage left unrecorded, oldest first; stops at the first that still fails. */
    private void settleLeftovers() {
        Unsettled<T> next;
        while ((next = unsettled.peek()) != null) {
            try {
                record(next.held, next.outcome);
            } catch (RuntimeException e) {
                LOG.debugf("%s: %d outcomes still wait for the database (%s)", name, unsettled.size(), describe(e));
                return;
            }
            unsettled.remove(next);
            LOG.infof("%s: the outcome of %s, held back by an outage, is recorded", name, next.held.item);
        }
    }

    private ScheduledFuture<?> startHeartbeat(List<Held<T>> held) {
        if (!settings.beats()) {
            return null;
        }
        long period = settings.heartbeat().toMillis();
        return heartbeats().scheduleWithFixedDelay(() -> renew(held), period, period, TimeUnit.MILLISECONDS);
    }

    private void renew(List<Held<T>> held) {
        Instant until = now.get().plus(settings.lease());
        for (Held<T> h : held) {
            synchronized (h) {
                if (h.settled || h.lost) {
                    continue;
                }
                try {
                    if (transactions.inNew(() -> queue.renewLease(h.item, h.heldUntil, until))) {
                        h.heldUntil = until;
                    } else {
                        h.lost = true; // settled or taken over meanwhile: its settlement will change nothing
                    }
                } catch (RuntimeException e) {
                    LOG.debugf("%s: leases not renewed (%s)", name, describe(e));
                    return; // the database is out: the next beat tries again
                }
            }
        }
    }

    private ScheduledExecutorService heartbeats() {
        ScheduledExecutorService executor = heartbeats;
        if (executor == null) {
            synchronized (this) {
                executor = heartbeats;
                if (executor == null) {
                    executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                        Thread thread = new Thread(runnable, "lease-heartbeat-" + name);
                        thread.setDaemon(true);
                        return thread;
                    });
                    heartbeats = executor;
                }
            }
        }
        return executor;
    }

    private static void increment(Counter counter, double amount) {
        if (counter != null) {
            counter.increment(amount);
        }
    }

    /**
     * A failure by its exception types only: the messages of HTTP and JDBC clients can carry URLs and
     * values that name a person, and this text is logged and stored.
     */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ")";
    }

    /** One claimed item and the lease it is held under (moved by each beat). */
    private static final class Held<T> {
        final T item;
        volatile Instant heldUntil;
        volatile boolean settled;
        volatile boolean lost;

        Held(T item, Instant heldUntil) {
            this.item = item;
            this.heldUntil = heldUntil;
        }
    }

    private record Unsettled<T>(Held<T> held, Outcome outcome) {
    }
}
