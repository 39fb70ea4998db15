package org.plugin.atom.support;

import java.time.Duration;

import org.plugin.atom.config.AtomConfig;

/** The catalog's typed configuration, for classes built without Quarkus. */
public final class AtomConfigs {

    private AtomConfigs() {
    }

    /** The catalog's configuration: names reused for {@code ttl}, shown {@code stale} longer; no pause after a failure. */
    public static AtomConfig config(Duration ttl, Duration stale) {
        return new AtomConfig() {
            @Override
            public Names names() {
                return new Names() {
                    @Override
                    public Duration cacheTtl() {
                        return ttl;
                    }

                    @Override
                    public Duration serveStaleFor() {
                        return stale;
                    }

                    @Override
                    public String refreshEvery() {
                        return "1s";
                    }

                    @Override
                    public Duration pauseAfterFailure() {
                        return Duration.ZERO;
                    }

                    @Override
                    public int cacheSize() {
                        return 1000;
                    }
                };
            }

            @Override
            public Search search() {
                return new Search() {
                    @Override
                    public int maxRanked() {
                        return 200;
                    }

                    @Override
                    public int maxCounted() {
                        return 10_000;
                    }
                };
            }
        };
    }
}
