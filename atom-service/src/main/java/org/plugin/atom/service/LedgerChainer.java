package org.plugin.atom.service;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;
import org.plugin.atom.repository.LedgerEntry;
import org.plugin.atom.repository.LedgerRepository;
import org.plugin.atom.repository.LedgerRepository.Head;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Chains the ledger: gives the committed entries that have only a provisional place (appended by
 * {@link LedgerService#append}) the next places after the head, in append order, with their
 * previous hash and hash, and moves the head; many entries per pass, in one transaction. One
 * chainer at a time, across replicas: a pass holds a PostgreSQL advisory lock.
 *
 * <p>Why: appends used to lock the head row until their transaction ended, so every write that
 * touched the ledger waited for the one before it to commit (deploy/bench/RESULTS.md: CI
 * registration at about 220 req/s with a p99 over a second). Now a write commits without that lock;
 * right after its commit the request asks for a pass (passes are coalesced: one pass chains what
 * every request before it committed) and answers without waiting for it: the hashing is off the
 * request's path. Every read of the ledger (history, entries, verification, a contributor's export)
 * waits for a pass that starts after it was asked, so what a caller committed before reading is
 * chained when it reads. A pass left undone (a replica stopped right after a commit) is done by the
 * next one, or by the background pass every few seconds.
 */
@ApplicationScoped
public class LedgerChainer {

    private static final Logger LOG = Logger.getLogger(LedgerChainer.class);
    static final int BATCH = 500;
    private static final Object REGISTERED = new Object();

    private final LedgerRepository ledger;
    private final TransactionSynchronizationRegistry transactions;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-chainer");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Void> next;

    LedgerChainer(LedgerRepository ledger, TransactionSynchronizationRegistry transactions) {
        this.ledger = ledger;
        this.transactions = transactions;
    }

    /** Once the caller's transaction has committed, asks for a pass that chains what it appended (and whatever else is committed); does not wait for it. */
    void chainAfterCommit() {
        if (transactions.getResource(REGISTERED) != null) {
            return;
        }
        transactions.putResource(REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    requestPass();
                }
            }
        });
    }

    /** Chains every entry committed before this call (reads and verification start with it). */
    public void chainCommitted() {
        awaitPass();
    }

    private void awaitPass() {
        try {
            requestPass().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the entries stay unchained until the next pass; nothing is lost
            LOG.warnf("ledger chaining did not complete: %s", e.toString());
        }
    }

    /** A pass that starts after this call: the one waiting to start, or a new one. */
    private synchronized CompletableFuture<Void> requestPass() {
        if (next == null) {
            next = new CompletableFuture<>();
            worker.execute(this::runPass);
        }
        return next;
    }

    private void runPass() {
        CompletableFuture<Void> pass;
        synchronized (this) {
            pass = next;
            next = null;
        }
        try {
            chainAll(true);
            pass.complete(null);
        } catch (RuntimeException e) {
            pass.completeExceptionally(e);
        }
    }

    /** Background: what no request chained (one that failed after its commit); skipped while another chainer works. */
    @Scheduled(every = "${plugin.atom.ledger.chain-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void background() {
        chainAll(false);
    }

    /**
     * Chains in passes of up to {@link #BATCH} entries until none is left; with {@code wait} false,
     * gives up at once when another chainer (of this or another replica) holds the lock.
     * @return the number of entries chained
     */
    public int chainAll(boolean wait) {
        int total = 0;
        int chained;
        do {
            chained = QuarkusTransaction.requiringNew().call(() -> pass(wait));
            total += chained;
        } while (chained == BATCH);
        return total;
    }

    private int pass(boolean wait) {
        if (wait) {
            ledger.lockChainer();
        } else if (!ledger.tryLockChainer()) {
            return 0;
        }
        List<LedgerEntry> pending = ledger.unchained(BATCH);
        if (pending.isEmpty()) {
            return 0;
        }
        Head head = ledger.lockHead();
        long seq = head.seq();
        String previous = head.hash();
        long[] provisional = new long[pending.size()];
        for (int i = 0; i < pending.size(); i++) {
            LedgerEntry e = pending.get(i);
            provisional[i] = e.seq;
            e.seq = ++seq;
            e.previousHash = previous;
            e.hash = LedgerService.sha256(LedgerService.canonicalForm(e));
            previous = e.hash;
        }
        ledger.chain(pending, provisional);
        ledger.moveHead(seq, previous);
        return pending.size();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
