package org.plugin.common.work;

import java.time.Duration;

import org.plugin.common.time.Backoff;

/**
 * How a {@link LeasedWorkLoop} claims and retries.
 *
 * @param batch     items claimed at once
 * @param lease     how long a claim keeps other replicas off: short, since a heartbeat renews it while the
 *                  claiming replica lives; a dead replica's items are due again that long after its last beat
 * @param heartbeat how often the leases of the claimed items are renewed while they wait or run; zero (or a
 *                  heartbeat not shorter than the lease) renews nothing, and the lease must then outlast the work
 * @param backoff   the wait before a failed item is due again, by its number of attempts
 */
public record LeaseSettings(int batch, Duration lease, Duration heartbeat, Backoff backoff) {

    public LeaseSettings {
        if (batch < 1) {
            throw new IllegalArgumentException("A batch holds at least one item");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("A lease must be positive");
        }
    }

    /** Whether claimed items are renewed while they wait or run. */
    public boolean beats() {
        return heartbeat != null && !heartbeat.isNegative() && !heartbeat.isZero() && heartbeat.compareTo(lease) < 0;
    }
}
