package org.plugin.atom.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhooks: where they may point, how deliveries are sent, retried and given up. */
@ConfigMapping(prefix = "plugin.webhooks")
public interface WebhookConfig {

    /**
     * Hosts (by name, as written in the URL), addresses or CIDRs that webhooks may target although they
     * are loopback, link-local or private: none by default. The local stack and the tests allow 127.0.0.1.
     */
    Optional<List<String>> allowedTargets();

    /** Webhooks one contributor may register. */
    @WithDefault("20")
    int maxPerOwner();

    /** How long the sender waits for a connection. */
    @WithDefault("PT3S")
    Duration connectTimeout();

    /** How long the sender waits for the receiver's answer (and between two chunks of it). */
    @WithDefault("PT5S")
    Duration readTimeout();

    /** How much of a receiver's answer is read (and discarded) before the connection is closed. */
    @WithDefault("65536")
    int maxResponseBytes();

    /** Waits before the 2nd, 3rd... attempt of a delivery; the last one repeats. Each is spread by {@link #jitter()}. */
    @WithDefault("PT10S,PT30S,PT2M,PT10M,PT1H,PT3H,PT6H")
    List<Duration> retrySchedule();

    /** The share of each wait that is random (0.2: the wait is 80% to 120% of the schedule's). */
    @WithDefault("0.2")
    double jitter();

    /** A delivery still failing this long after it was queued is given up. */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** A webhook whose attempts failed this many times in a row is disabled... */
    @WithDefault("15")
    int disableAfterFailures();

    /** ...or whose attempts have all failed for this long. */
    @WithDefault("PT24H")
    Duration disableAfterFailingFor();

    /** Sending threads per replica, each claiming its own batches. */
    @WithDefault("4")
    int senders();

    /** Deliveries one claim takes. */
    @WithDefault("10")
    int batch();

    /** How often an idle sender looks for due deliveries (a delivery queued on this replica wakes them at once). */
    @WithDefault("PT0.25S")
    Duration pollEvery();

    /** A claim's lease, renewed by a heartbeat while the sender lives. */
    @WithDefault("PT30S")
    Duration lease();

    @WithDefault("PT10S")
    Duration heartbeat();

    /** Whether this replica sends deliveries at all. */
    @WithDefault("true")
    boolean sendEnabled();

    /** Settled deliveries (and their attempts) are kept this long for their owner to see. */
    @WithDefault("P30D")
    Duration keepDeliveries();

    /** The CloudEvents {@code source} of every event (a URI reference). */
    @WithDefault("/api/atoms")
    String source();
}
