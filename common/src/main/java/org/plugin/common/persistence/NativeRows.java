package org.plugin.common.persistence;

import java.util.List;
import java.util.UUID;

/**
 * Rows of native queries created without a result class, read as the driver returns them.
 *
 * <p>Why without one: Hibernate 7.2 keys the cached plan of a native query given a result class
 * ({@code createNativeQuery(sql, UUID.class)}) with a builder that equals only itself, so every call
 * cached one more plan (thousands, all with the same hash) and each lookup of that query compared its
 * key with all of them (deploy/bench/RESULTS.md, "The catalog-event dispatcher and Hibernate's query
 * plan cache").
 */
public final class NativeRows {

    private NativeRows() {
    }

    /** The values of a one-column query of {@code uuid}s (the PostgreSQL driver answers {@link UUID}s). */
    public static List<UUID> uuids(List<?> rows) {
        return rows.stream().map(UUID.class::cast).toList();
    }
}
