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
        /** How long a resolved name is reused; a rectified name shows after at most this long. */
        @WithDefault("PT5S")
        Duration cacheTtl();

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
