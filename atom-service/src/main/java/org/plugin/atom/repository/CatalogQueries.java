package org.plugin.atom.repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGStatement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

import org.plugin.atom.repository.Atom.Kind;
import org.plugin.atom.repository.Atom.Lifecycle;
import org.plugin.atom.repository.AtomVersion.State;

/**
 * The read paths that are benchmarked (Atom detail, search), in plain SQL: a fixed, small number
 * of statements per request, every one served by an index, no entity hydration.
 */
@ApplicationScoped
public class CatalogQueries {

    public record AtomRow(UUID id, String name, String displayName, String summary, String description, Kind kind, String category,
            List<String> tags, String license, String sourceUrl, String documentationUrl, UUID ownerId, boolean ownerRestricted,
            Lifecycle lifecycle, String latestVersion, Instant createdAt, Instant updatedAt, Instant deprecatedAt, Instant removedAt,
            long ratingCount, BigDecimal ratingAverage, long[] stars) {
    }

    public record VersionRow(String version, State state, Instant createdAt, Instant publishedAt, Instant deprecatedAt) {
    }

    public record SummaryRow(UUID id, String name, String displayName, String summary, Kind kind, String category, List<String> tags,
            String license, Lifecycle lifecycle, String latestVersion, UUID ownerId, boolean ownerRestricted, long ratingCount,
            BigDecimal ratingAverage, Instant createdAt, Instant updatedAt, Double rank) {
    }

    public enum Sort {
        RELEVANCE, NAME, NEWEST, UPDATED, RATING
    }

    /** Search filters; null means "any". */
    public record Filter(String text, Kind kind, String tag, String category, UUID owner, Lifecycle lifecycle) {
    }

    public record Detail(AtomRow atom, List<VersionRow> versions) {
    }

    /** The Atom, its rating summary, its owner's restriction and its versions (as a JSON array), in one statement. */
    private static final String DETAIL = """
            SELECT a.id, a.name, a.display_name, a.summary, a.description, a.kind, a.category, a.tags, a.license, a.source_url,
                   a.documentation_url, a.owner_id, (r.contributor_id IS NOT NULL) AS restricted, a.lifecycle, a.latest_version,
                   a.created_at, a.updated_at, a.deprecated_at, a.removed_at,
                   s.rating_count, s.average, s.stars_1, s.stars_2, s.stars_3, s.stars_4, s.stars_5,
                   (SELECT json_agg(json_build_array(v.version, v.state, v.created_at, v.published_at, v.deprecated_at))
                      FROM atom_version v WHERE v.atom_id = a.id) AS versions
              FROM atom a
              LEFT JOIN atom_rating_stats s ON s.atom_id = a.id
              LEFT JOIN restricted_contributor r ON r.contributor_id = a.owner_id
             WHERE a.name = ?""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    CatalogQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An Atom with its rating summary and its versions: one indexed statement. */
    public Optional<Detail> detail(String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DETAIL)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                var atom = new AtomRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Kind.valueOf(rs.getString(6)), rs.getString(7), strings(rs.getArray(8)), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getObject(12, UUID.class), rs.getBoolean(13), Lifecycle.valueOf(rs.getString(14)),
                        rs.getString(15), instant(rs, 16), instant(rs, 17), instant(rs, 18), instant(rs, 19), rs.getLong(20),
                        rs.getBigDecimal(21), new long[] { rs.getLong(22), rs.getLong(23), rs.getLong(24), rs.getLong(25), rs.getLong(26) });
                return Optional.of(new Detail(atom, versions(rs.getString(27))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading Atom detail failed", e);
        }
    }

    private static List<VersionRow> versions(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<VersionRow> versions = new ArrayList<>();
            for (JsonNode v : JSON.readTree(json)) {
                versions.add(new VersionRow(v.get(0).asText(), State.valueOf(v.get(1).asText()), instant(v.get(2)), instant(v.get(3)),
                        instant(v.get(4))));
            }
            return versions;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable versions of an Atom", e);
        }
    }

    /** PostgreSQL's JSON timestamps: {@code 2026-11-26T14:31:54.123456+00:00}. */
    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : OffsetDateTime.parse(node.asText()).toInstant();
    }

    public record Result(List<SummaryRow> rows, long total) {
    }

    /**
     * One page of search hits and the number of hits. Full-text matches come from the GIN index; a
     * query matching more than {@code maxRanked} Atoms ranks only that many of them, and a count stops
     * at {@code maxCounted} (or {@code maxRanked}), so neither a common word nor a broad filter costs
     * more as the catalog grows.
     */
    public Result search(Filter f, Sort sort, int limit, int offset, int maxRanked, int maxCounted) {
        List<Object> params = new ArrayList<>();
        StringBuilder filters = new StringBuilder(" WHERE a.lifecycle <> 'REMOVED'");
        if (f.kind() != null) {
            filters.append(" AND a.kind = ?");
            params.add(f.kind().name());
        }
        if (f.tag() != null) {
            filters.append(" AND a.tags @> ARRAY[?]::text[]");
            params.add(f.tag());
        }
        if (f.category() != null) {
            filters.append(" AND a.category = ?");
            params.add(f.category());
        }
        if (f.owner() != null) {
            filters.append(" AND a.owner_id = ?");
            params.add(f.owner());
        }
        if (f.lifecycle() != null) {
            filters.append(" AND a.lifecycle = ?");
            params.add(f.lifecycle().name());
        }
        boolean text = f.text() != null;
        String matches = " AND a.search_vector @@ websearch_to_tsquery('english', ?)";
        String where = filters + (text ? matches : "");
        List<Object> whereParams = new ArrayList<>(params);
        if (text) {
            whereParams.add(f.text());
        }
        String columns = "a.id, a.name, a.display_name, a.summary, a.kind, a.category, a.tags, a.license, a.lifecycle, a.latest_version,"
                + " a.owner_id, (r.contributor_id IS NOT NULL), coalesce(s.rating_count, 0), s.average, a.created_at, a.updated_at";
        String joins = " LEFT JOIN atom_rating_stats s ON s.atom_id = a.id LEFT JOIN restricted_contributor r ON r.contributor_id = a.owner_id";
        String sql;
        List<Object> pageParams = new ArrayList<>();
        if (text && sort == Sort.RELEVANCE) {
            // Hits in names, tags or summary rank first (1 + their rank on the small title vector); hits only in
            // the description follow (their rank, below 1, on the full vector). Each group is bounded by maxRanked.
            sql = "WITH q AS (SELECT websearch_to_tsquery('english', ?) AS query),"
                    + " title_hits AS (SELECT a.id, 1 + ts_rank_cd(a.title_vector, q.query, 32) AS rank FROM atom a, q" + filters
                    + " AND a.title_vector @@ websearch_to_tsquery('english', ?) LIMIT ?),"
                    + " body_hits AS (SELECT a.id, ts_rank_cd(a.search_vector, q.query, 32) AS rank FROM atom a, q" + filters
                    + matches + " AND NOT a.title_vector @@ q.query LIMIT ?),"
                    + " page AS (SELECT id, rank FROM (SELECT * FROM title_hits UNION ALL SELECT * FROM body_hits) hits"
                    + " ORDER BY rank DESC, id LIMIT ? OFFSET ?)"
                    + " SELECT " + columns + ", page.rank FROM page JOIN atom a ON a.id = page.id" + joins
                    + " ORDER BY page.rank DESC, a.id";
            pageParams.add(f.text());
            pageParams.addAll(params);
            pageParams.add(f.text());
            pageParams.add(maxRanked);
            pageParams.addAll(params);
            pageParams.add(f.text());
            pageParams.add(maxRanked);
            pageParams.add(limit);
            pageParams.add(offset);
        } else {
            String order = switch (sort) {
                case NEWEST -> " ORDER BY a.created_at DESC, a.id";
                case UPDATED -> " ORDER BY a.updated_at DESC, a.id";
                case RATING -> " ORDER BY s.average DESC NULLS LAST, a.id";
                default -> " ORDER BY a.name, a.id";
            };
            sql = "SELECT " + columns + ", NULL::float8 FROM atom a" + joins + where + order + " LIMIT ? OFFSET ?";
            pageParams.addAll(whereParams);
            pageParams.add(limit);
            pageParams.add(offset);
        }
        // counting is bounded too: relevance ranks at most maxRanked hits, other lists count at most maxCounted
        int countLimit = text && sort == Sort.RELEVANCE ? maxRanked : maxCounted;
        String count = "SELECT count(*) FROM (SELECT 1 FROM atom a" + where + " LIMIT " + countLimit + ") hits";
        try (Connection c = dataSource.getConnection()) {
            List<SummaryRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                customPlan(ps);
                bind(ps, pageParams);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double rankValue = rs.getDouble(17);
                        Double rank = rs.wasNull() ? null : rankValue;
                        rows.add(new SummaryRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                                Kind.valueOf(rs.getString(5)), rs.getString(6), strings(rs.getArray(7)), rs.getString(8),
                                Lifecycle.valueOf(rs.getString(9)), rs.getString(10), rs.getObject(11, UUID.class), rs.getBoolean(12),
                                rs.getLong(13), rs.getBigDecimal(14), instant(rs, 15), instant(rs, 16), rank));
                    }
                }
            }
            long total;
            if (offset == 0 && rows.size() < limit) {
                total = rows.size();
            } else {
                try (PreparedStatement ps = c.prepareStatement(count)) {
                    customPlan(ps);
                    bind(ps, whereParams);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
            }
            return new Result(rows, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Searching the catalog failed", e);
        }
    }

    /**
     * Plans a search statement for its actual values, every time: a generic plan (what a reused
     * server-side prepared statement gets) cannot tell a rare word from a common one and may build
     * a bitmap of every match where a short scan would do.
     */
    private static void customPlan(PreparedStatement ps) throws SQLException {
        if (ps.isWrapperFor(PGStatement.class)) {
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
