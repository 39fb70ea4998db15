package org.plugin.atom.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "plugin.atom")
public interface AtomConfig {

    Names names();

    Search search();

    /** Contributors' public names, resolved from contributor-service. */
    interface Names {
        /**
         * How long a resolved name is reused as it is. After that, it is refreshed: in the background
         * (batched, see {@link #serveStaleFor()}) while pages keep asking for it, else on the next page.
         */
        @WithDefault("PT3S")
        Duration cacheTtl();

        /**
         * How long past its TTL a name is still shown while a background refresh fetches it again
         * (every {@code plugin.atom.names.refresh-every}, up to 200 names per call). A rectification
         * shows after at most the TTL plus this; zero refreshes every expired name during the page.
         */
        @WithDefault("PT3S")
        Duration serveStaleFor();

        /** How often the names shown past their TTL are fetched again (the scheduler's syntax, read by {@code ContributorDirectory}). */
        @WithDefault("1s")
        String refreshEvery();

        /** After contributor-service failed to answer, pages are served without names for this long before trying again. */
        @WithDefault("PT5S")
        Duration pauseAfterFailure();

        @WithDefault("20000")
        int cacheSize();
    }

    interface Search {
        /**
         * A search sorted by relevance ranks at most this many hits in names, tags or summary and this
         * many only in descriptions (the first found by the index) and serves the best this many, so
         * that a very common word costs the same at any catalog size; its offsets stop there.
         */
        @WithDefault("200")
        int maxRanked();

        /** Other lists count their matches up to this many; beyond, their total is flagged as a lower bound. */
        @WithDefault("10000")
        int maxCounted();
    }
}
