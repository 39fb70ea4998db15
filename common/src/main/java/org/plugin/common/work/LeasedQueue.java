package org.plugin.common.work;

import java.time.Instant;
import java.util.List;

import org.plugin.common.time.Backoff;

/**
 * The table side of a {@link LeasedWorkLoop}: the queue's SQL, written in a service's {@code repository/}.
 * The loop calls every method inside a short transaction of its own, never while a domain step runs.
 *
 * <p>A claim is identified by the lease it wrote ({@code heldUntil}): while the step runs the loop
 * renews it ({@link #renewLease}), and a renewal or a settlement that finds another lease (the item was
 * settled, or taken over by another replica once this one's lease ran out) changes nothing.
 *
 * @param <T> what one claimed item is to the worker (an id, or a row it reads)
 */
public interface LeasedQueue<T> {

    /**
     * Claims up to {@code batch} due items that no one holds, with {@code FOR UPDATE SKIP LOCKED} (two
     * replicas never take the same row, and neither waits for the other), counts the attempt and
     * leases them until {@code leaseUntil}. Once the transaction commits the claim is a lease: no one
     * takes the item again before it expires, and if the claiming replica dies it is due again then.
     */
    List<T> claimDue(Instant now, Instant leaseUntil, int batch);

    /** Moves the lease of an item still held under {@code heldUntil} to {@code leaseUntil}; false when it is no longer held. */
    boolean renewLease(T item, Instant heldUntil, Instant leaseUntil);

    /**
     * The step failed and may succeed later: releases the item held under {@code heldUntil}, records
     * {@code error} and makes it due again after {@code backoff} for the number of attempts it has
     * failed. Nothing changes when the item is no longer held under that lease.
     */
    void retryLater(T item, Instant heldUntil, String error, Instant now, Backoff backoff);

    /** How many items are not done, and how many of them failed at least once, as of {@code now}. */
    QueueCounts counts(Instant now);
}
