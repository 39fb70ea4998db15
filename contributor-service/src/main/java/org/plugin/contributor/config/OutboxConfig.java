package org.plugin.contributor.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the deactivation outbox is sent to privacy-service. */
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

    /** Wait after the first failed attempt; doubled after each further failure. */
    @WithDefault("PT5S")
    Duration initialBackoff();

    /** The longest wait between two attempts. Events are never dropped, only retried less often. */
    @WithDefault("PT1H")
    Duration maxBackoff();
}
