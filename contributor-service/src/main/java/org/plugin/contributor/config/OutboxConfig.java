package org.plugin.contributor.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outboxes (deactivations to privacy-service, the sync outbox to Keycloak and atom-service) are sent. */
@ConfigMapping(prefix = "plugin.outbox")
public interface OutboxConfig {

    /** How often the sender looks for due events (a scheduler interval such as {@code 5s}). */
    @WithDefault("5s")
    String every();

    /** Wait after start-up before the first run. */
    @WithDefault("10s")
    String delayed();

    /** Events sent per run at most. */
    @WithDefault("20")
    int batchSize();

    /**
     * The longest one delivery may take, token request included, before it counts as failed. The REST
     * client's connect and read timeouts bound the call itself; this also bounds the OIDC client's
     * token request, which has no read timeout.
     */
    @WithDefault("PT15S")
    Duration callTimeout();

    /**
     * How long a claimed event is left to the sender that claimed it before another may take it (if
     * that sender's replica died mid-call). Renewed every {@link #heartbeat()} while the sender lives,
     * so it can be short; longer than {@link #callTimeout()} all the same.
     */
    @WithDefault("PT30S")
    Duration lease();

    /** How often a live sender renews the leases of what it claimed (zero: never; the lease must then outlast a batch). */
    @WithDefault("PT10S")
    Duration heartbeat();

    /** Wait after the first failed attempt; doubled after each further failure. */
    @WithDefault("PT5S")
    Duration initialBackoff();

    /** The longest wait between two attempts. Events are never dropped, only retried less often. */
    @WithDefault("PT1H")
    Duration maxBackoff();
}
