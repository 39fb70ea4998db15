package org.plugin.atom.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/** Values of native query rows, as the driver and Hibernate hand them back. */
final class Rows {

    private Rows() {
    }

    /**
     * The ids of a one-column native query, read as the driver returns them (a PostgreSQL {@code uuid}
     * is a {@link UUID}). Such a query is created without a result class on purpose: Hibernate 7.2 keys
     * the cached plan of a native query given a result class with a builder that equals only itself, so
     * every call cached one more plan (thousands, all with the same hash), and each lookup of that query
     * compared its key with all of them.
     */
    static List<UUID> uuids(List<?> rows) {
        return rows.stream().map(UUID.class::cast).toList();
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value);
    }
}
