package org.plugin.common.work;

import java.time.Instant;

/**
 * What a domain step made of one item: {@link #done} (settled, or given up because the domain says a
 * retry cannot help: the settlement records that) or {@link #retry} (a peer is down, a call timed out:
 * the loop releases the item with the retry backoff).
 */
public sealed interface Outcome {

    /** Records what the step achieved, in a transaction the loop opens; {@code heldUntil} is the claim's current lease. */
    @FunctionalInterface
    interface Settlement {
        void record(Instant heldUntil);

        Settlement NOTHING = heldUntil -> {
        };
    }

    /** Done: nothing more to do for this claim once {@code settlement} is recorded. */
    record Done(Settlement settlement, boolean gaveUp) implements Outcome {
    }

    /** Not done: the item is due again after the backoff; {@code error} is kept on it (no personal data). */
    record Retry(String error) implements Outcome {
    }

    static Outcome done(Settlement settlement) {
        return new Done(settlement, false);
    }

    /** Done with nothing left to record (the step recorded its outcome itself). */
    static Outcome done() {
        return new Done(Settlement.NOTHING, false);
    }

    /** The domain refuses to go on (a peer refused the change for good): final, counted as given up. */
    static Outcome gaveUp(Settlement settlement) {
        return new Done(settlement, true);
    }

    static Outcome retry(String error) {
        return new Retry(error);
    }
}
