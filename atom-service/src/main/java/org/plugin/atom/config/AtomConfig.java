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
         * A full-text query matching more Atoms than this ranks only this many of them (the first
         * found by the index), so that a very common word costs the same at any catalog size.
         */
        @WithDefault("200")
        int maxRanked();

        /** Lists count their matches up to this many; a total equal to it means "at least this many". */
        @WithDefault("10000")
        int maxCounted();
    }
}
