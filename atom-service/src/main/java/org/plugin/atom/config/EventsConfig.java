package org.plugin.atom.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How catalog events are dispatched into notifications (and the webhook outbox). */
@ConfigMapping(prefix = "plugin.atom.events")
public interface EventsConfig {

    /**
     * How often the dispatcher looks for events (those of another replica, those due again after a
     * failure) besides the wake-up that follows each commit of this replica (the scheduler's syntax).
     */
    @WithDefault("1s")
    String dispatchEvery();

    /** The wait before a failed dispatch is tried again, doubled after each failure up to {@link #retryMax()}. */
    @WithDefault("PT2S")
    Duration retryInitial();

    @WithDefault("PT5M")
    Duration retryMax();

    /** Events one run dispatches at most (in transactions of up to 50) before it yields to the next run. */
    @WithDefault("1000")
    int maxPerRun();
}
