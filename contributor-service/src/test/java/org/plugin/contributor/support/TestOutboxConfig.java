package org.plugin.contributor.support;

import java.time.Duration;

import org.plugin.contributor.config.OutboxConfig;

/** The outboxes' settings at their defaults (application.properties), for the fast tier. */
public class TestOutboxConfig implements OutboxConfig {

    @Override
    public String every() {
        return "5s";
    }

    @Override
    public String delayed() {
        return "10s";
    }

    @Override
    public int batchSize() {
        return 20;
    }

    @Override
    public Duration callTimeout() {
        return Duration.ofSeconds(15);
    }

    @Override
    public Duration lease() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration heartbeat() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Duration initialBackoff() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Duration maxBackoff() {
        return Duration.ofHours(1);
    }
}
