package org.plugin.common.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.plugin.common.time.Backoff;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The loop on an in-memory queue and a database that can be switched off: leases, heartbeat, outage, settlement. */
class LeasedWorkLoopTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30));

    final AtomicReference<Instant> clock = new AtomicReference<>(T0);
    final AtomicBoolean databaseUp = new AtomicBoolean(true);
    final MemoryQueue queue = new MemoryQueue();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Every transaction fails while the database is down, as a JDBC connection would. */
    final LeasedWorkLoop.Transactions transactions = new LeasedWorkLoop.Transactions() {
        @Override
        public <R> R inNew(Supplier<R> work) {
            if (!databaseUp.get()) {
                throw new IllegalStateException("Unable to acquire JDBC Connection");
            }
            return work.get();
        }
    };

    LeasedWorkLoop<String> loop(LeasedWorkLoop.Step<String> step, Duration heartbeat) {
        return new LeasedWorkLoop<>("test", queue, step, new LeaseSettings(10, Duration.ofSeconds(30), heartbeat, BACKOFF), clock::get,
                transactions, registry);
    }

    @Test
    void aFailedStepIsReleasedWithItsBackoffAndADoneOneIsSettledUnderItsLease() {
        queue.add("a", "b");
        var settled = new ArrayList<String>();
        var loop = loop(item -> item.equals("a") ? Outcome.retry("peer answered 503") : Outcome.done(lease -> {
            assertThat(lease).isEqualTo(queue.rows.get(item).leaseUntil);
            settled.add(item);
            queue.rows.get(item).done = true;
        }), Duration.ZERO);

        assertThat(loop.runDue()).isEqualTo(2);

        assertThat(settled).containsExactly("b");
        var a = queue.rows.get("a");
        assertThat(a.leaseUntil).isNull();
        assertThat(a.error).isEqualTo("peer answered 503");
        assertThat(a.dueAt).isEqualTo(T0.plus(Duration.ofSeconds(30)));
        assertThat(registry.get("plugin.work.failures").tag("queue", "test").counter().count()).isEqualTo(1);
        assertThat(registry.get("plugin.work.attempts").tag("queue", "test").counter().count()).isEqualTo(2);
    }

    @Test
    void anOutcomeTheDatabaseCouldNotTakeIsRecordedWithItsBackoffAsSoonAsItAnswersNotWhenTheLeaseEnds() {
        queue.add("job");
        var loop = loop(item -> {
            databaseUp.set(false); // the database goes away while the peer is called
            return Outcome.retry("peer unreachable");
        }, Duration.ZERO);

        loop.runDue();
        assertThat(loop.unsettled()).isOne();
        assertThat(queue.rows.get("job").leaseUntil).isEqualTo(T0.plus(Duration.ofSeconds(30)));

        // back after 5 s: the next run releases the job with its backoff, long before the lease would end
        databaseUp.set(true);
        clock.set(T0.plusSeconds(5));
        assertThat(loop.runDue()).isZero();
        assertThat(loop.unsettled()).isZero();
        var job = queue.rows.get("job");
        assertThat(job.leaseUntil).isNull();
        assertThat(job.error).isEqualTo("peer unreachable");
        assertThat(job.dueAt).isEqualTo(T0.plusSeconds(5).plus(Duration.ofSeconds(30)));
    }

    @Test
    void anExceptionOfTheStepIsARetryByItsTypesOnly() {
        queue.add("x");
        var loop = loop(item -> {
            throw new IllegalArgumentException("https://idp/users/sub-of-someone", new java.net.ConnectException("refused"));
        }, Duration.ZERO);

        loop.runDue();

        assertThat(queue.rows.get("x").error).isEqualTo("IllegalArgumentException (ConnectException)");
    }

    @Test
    void theHeartbeatRenewsTheLeasesOfTheBatchWhileAStepRuns() throws Exception {
        queue.add("slow", "waiting");
        var renewedWhileRunning = new AtomicReference<Instant>();
        var loop = loop(item -> {
            if (item.equals("slow")) {
                clock.set(T0.plusSeconds(20)); // the step takes long on the platform's clock
                long until = System.nanoTime() + 2_000_000_000L;
                while (queue.rows.get("waiting").leaseUntil.equals(T0.plusSeconds(30)) && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                renewedWhileRunning.set(queue.rows.get("waiting").leaseUntil);
            }
            return Outcome.done(lease -> queue.rows.get(item).done = true);
        }, Duration.ofMillis(50));

        loop.runDue();

        // renewed from the clock's now: 20 s + the 30 s lease
        assertThat(renewedWhileRunning.get()).isEqualTo(T0.plusSeconds(50));
        assertThat(queue.rows.values()).allMatch(r -> r.done);
    }

    @Test
    void aLeaseLostToAnotherReplicaIsNotSettledByThisOne() {
        queue.add("taken");
        var loop = loop(item -> {
            queue.rows.get(item).leaseUntil = T0.plusSeconds(99); // another replica took it over meanwhile
            return Outcome.retry("late");
        }, Duration.ZERO);

        loop.runDue();

        assertThat(queue.rows.get("taken").leaseUntil).isEqualTo(T0.plusSeconds(99));
        assertThat(queue.rows.get("taken").error).isNull();
    }

    @Test
    void theGaugesCountPendingAndRetryingAndWhatThisReplicaRuns() {
        queue.add("a", "b", "c");
        queue.rows.get("c").attempts = 2;
        var runningSeen = new ArrayList<Double>();
        var loop = loop(item -> {
            runningSeen.add(registry.get("plugin.work.running").tag("queue", "test").gauge().value());
            return Outcome.retry("down");
        }, Duration.ZERO);

        assertThat(loop.refreshGauges()).isEqualTo(new QueueCounts(3, 1));
        loop.runDue();

        assertThat(runningSeen).containsExactly(3.0, 2.0, 1.0);
        assertThat(registry.get("plugin.work.running").tag("queue", "test").gauge().value()).isZero();
        assertThat(loop.refreshGauges()).isEqualTo(new QueueCounts(3, 3));
        assertThat(registry.get("plugin.work.retrying").tag("queue", "test").gauge().value()).isEqualTo(3);
    }

    /** A queue table in memory, with the semantics the repositories implement in SQL. */
    static final class MemoryQueue implements LeasedQueue<String> {

        static final class Row {
            Instant dueAt = T0;
            Instant leaseUntil;
            int attempts;
            String error;
            boolean done;
        }

        final Map<String, Row> rows = new LinkedHashMap<>();

        void add(String... ids) {
            for (String id : ids) {
                rows.put(id, new Row());
            }
        }

        @Override
        public synchronized List<String> claimDue(Instant now, Instant leaseUntil, int batch) {
            List<String> claimed = new ArrayList<>();
            rows.forEach((id, r) -> {
                if (claimed.size() < batch && !r.done && !r.dueAt.isAfter(now) && (r.leaseUntil == null || r.leaseUntil.isBefore(now))) {
                    r.leaseUntil = leaseUntil;
                    r.attempts++;
                    claimed.add(id);
                }
            });
            return claimed;
        }

        @Override
        public synchronized boolean renewLease(String item, Instant heldUntil, Instant leaseUntil) {
            Row r = rows.get(item);
            if (r.done || !heldUntil.equals(r.leaseUntil)) {
                return false;
            }
            r.leaseUntil = leaseUntil;
            return true;
        }

        @Override
        public synchronized void retryLater(String item, Instant heldUntil, String error, Instant now, Backoff backoff) {
            Row r = rows.get(item);
            if (r.done || !heldUntil.equals(r.leaseUntil)) {
                return;
            }
            r.leaseUntil = null;
            r.error = error;
            r.dueAt = now.plus(backoff.after(r.attempts));
        }

        @Override
        public synchronized QueueCounts counts(Instant now) {
            long pending = rows.values().stream().filter(r -> !r.done).count();
            long retrying = rows.values().stream().filter(r -> !r.done && (r.error != null || r.attempts > 1)).count();
            return new QueueCounts(pending, retrying);
        }
    }
}
