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

    /**
     * The Atom, its rating summary, its owner's restriction and its versions (as a JSON array), in one
     * statement. The versions' times are microseconds since the epoch (PostgreSQL's own precision):
     * read as numbers, not parsed from text (parsing them was 4 % of an Atom-detail request's CPU).
     */
    private static final String DETAIL = """
            SELECT a.id, a.name, a.display_name, a.summary, a.description, a.kind, a.category, a.tags, a.license, a.source_url,
                   a.documentation_url, a.owner_id, (r.contributor_id IS NOT NULL) AS restricted, a.lifecycle, a.latest_version,
                   a.created_at, a.updated_at, a.deprecated_at, a.removed_at,
                   s.rating_count, s.average, s.stars_1, s.stars_2, s.stars_3, s.stars_4, s.stars_5,
                   (SELECT json_agg(json_build_array(v.version, v.state, (extract(epoch FROM v.created_at) * 1000000)::bigint,
                                                     (extract(epoch FROM v.published_at) * 1000000)::bigint,
                                                     (extract(epoch FROM v.deprecated_at) * 1000000)::bigint))
                      FROM atom_version v WHERE v.atom_id = a.id) AS versions
              FROM atom a
              LEFT JOIN atom_rating_stats s ON s.atom_id = a.id
              LEFT JOIN restricted_contributor r ON r.contributor_id = a.owner_id
             WHERE a.name = ?""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final DataSource searchSource;

    /**
     * Searches run on a pool of their own ({@code quarkus.datasource.search}, application.properties):
     * its sessions tell the planner what a full-text index entry costs here, which the other
     * statements of the service do not need.
     */
    CatalogQueries(DataSource dataSource, @io.quarkus.agroal.DataSource("search") DataSource searchSource) {
        this.dataSource = dataSource;
        this.searchSource = searchSource;
    }

    /** An Atom with its rating summary and its versions: one indexed statement. */
    public Optional<Detail> detail(String name) {
        if (!AtomRepository.possibleName(name)) {
            return Optional.empty();
        }
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

    /** A time in microseconds since the epoch, as the detail statement gives the versions' times. */
    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        long micros = node.asLong();
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /**
     * One page of hits. {@code total} counts the matches, exactly unless {@code totalIsLowerBound}
     * (then there are at least that many); {@code more} says whether a next page has rows.
     */
    public record Result(List<SummaryRow> rows, long total, boolean totalIsLowerBound, boolean more) {
    }

    private static final String COLUMNS = "a.id, a.name, a.display_name, a.summary, a.kind, a.category, a.tags, a.license, a.lifecycle,"
            + " a.latest_version, a.owner_id, (r.contributor_id IS NOT NULL), coalesce(s.rating_count, 0), s.average, a.created_at, a.updated_at";
    private static final String JOINS = " LEFT JOIN atom_rating_stats s ON s.atom_id = a.id"
            + " LEFT JOIN restricted_contributor r ON r.contributor_id = a.owner_id";

    /**
     * One page of search hits and the number of hits. Full-text matches come from the GIN index; a
     * query sorted by relevance ranks at most {@code maxRanked} hits in names, tags or summary plus
     * {@code maxRanked} hits only in descriptions, and serves the best {@code maxRanked} of them, so
     * a common word costs the same at any catalog size; other lists count at most {@code maxCounted}
     * matches. Either way a total that stopped at its bound is flagged as a lower bound.
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
        try (Connection c = searchSource.getConnection()) {
            if (f.text() != null && sort == Sort.RELEVANCE) {
                return ranked(c, f.text(), filters.toString(), params, limit, offset, maxRanked);
            }
            return listed(c, f.text(), filters.toString(), params, sort, limit, offset, maxCounted);
        } catch (SQLException e) {
            throw new IllegalStateException("Searching the catalog failed", e);
        }
    }

    /**
     * Relevance: hits in names, tags or summary rank first (1 + their rank on the small title
     * vector), hits only in descriptions follow (their rank, below 1, on the full vector). Each group
     * takes at most {@code window} hits, the first the index yields; the best {@code window} of
     * them are served. One statement gives the page and the number of hits found. Description hits
     * rank below every title hit: when the title hits fill the page, their ranks decide nothing, and
     * are not computed (0).
     */
    private Result ranked(Connection c, String text, String filters, List<Object> params, int limit, int offset, int window)
            throws SQLException {
        String matches = " AND a.search_vector @@ websearch_to_tsquery('english', ?)";
        String hits = "WITH q AS (SELECT websearch_to_tsquery('english', ?) AS query),"
                + " title_hits AS (SELECT a.id, 1 + ts_rank_cd(a.title_vector, q.query, 32) AS rank FROM atom a, q" + filters
                + " AND a.title_vector @@ websearch_to_tsquery('english', ?) LIMIT ?),"
                + " body_hits AS (SELECT a.id, CASE WHEN (SELECT count(*) FROM title_hits) >= ? THEN 0::real"
                + " ELSE ts_rank_cd(a.search_vector, q.query, 32) END AS rank FROM atom a, q" + filters
                + matches + " AND NOT a.title_vector @@ q.query LIMIT ?),"
                + " hits AS (SELECT id, rank FROM title_hits UNION ALL SELECT id, rank FROM body_hits)";
        List<Object> hitParams = new ArrayList<>();
        hitParams.add(text);
        hitParams.addAll(params);
        hitParams.add(text);
        hitParams.add(window);
        int pageLimit = Math.max(0, Math.min(limit, window - offset));
        hitParams.add((long) offset + pageLimit); // title hits that fill the page
        hitParams.addAll(params);
        hitParams.add(text);
        hitParams.add(window);
        // count(*) OVER () sees every hit (windows are computed before LIMIT): the page knows how many were found
        String sql = hits + ", page AS (SELECT id, rank, count(*) OVER () AS found, count(*) FILTER (WHERE rank >= 1) OVER () AS title_found"
                + " FROM hits ORDER BY rank DESC, id LIMIT ? OFFSET ?)"
                + " SELECT " + COLUMNS + ", page.rank, page.found, page.title_found FROM page JOIN atom a ON a.id = page.id" + JOINS
                + " ORDER BY page.rank DESC, a.id";
        List<Object> pageParams = new ArrayList<>(hitParams);
        pageParams.add(pageLimit);
        pageParams.add(offset);
        List<SummaryRow> rows = new ArrayList<>();
        long found = -1;
        long titleFound = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            customPlan(ps);
            bind(ps, pageParams);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(summary(rs));
                    found = rs.getLong(18);
                    titleFound = rs.getLong(19);
                }
            }
        }
        if (found < 0) {
            // an empty page (past the hits): count them on their own
            try (PreparedStatement ps = c.prepareStatement(hits + " SELECT count(*), count(*) FILTER (WHERE rank >= 1) FROM hits")) {
                customPlan(ps);
                bind(ps, hitParams);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    found = rs.getLong(1);
                    titleFound = rs.getLong(2);
                }
            }
        }
        long served = Math.min(found, window);
        // a group that filled its window may have left hits out; so may the best-of cut
        boolean lowerBound = found > window || titleFound >= window || found - titleFound >= window;
        return new Result(rows, served, lowerBound, offset + rows.size() < served);
    }

    /** Other orders: one row more than the page tells whether a next page exists; the count stops at {@code maxCounted}. */
    private Result listed(Connection c, String text, String filters, List<Object> params, Sort sort, int limit, int offset, int maxCounted)
            throws SQLException {
        String where = filters + (text != null ? " AND a.search_vector @@ websearch_to_tsquery('english', ?)" : "");
        List<Object> whereParams = new ArrayList<>(params);
        if (text != null) {
            whereParams.add(text);
        }
        String order = switch (sort) {
            case NEWEST -> " ORDER BY a.created_at DESC, a.id";
            case UPDATED -> " ORDER BY a.updated_at DESC, a.id";
            case RATING -> " ORDER BY s.average DESC NULLS LAST, a.id";
            default -> " ORDER BY a.name, a.id";
        };
        String sql = "SELECT " + COLUMNS + ", NULL::float8 FROM atom a" + JOINS + where + order + " LIMIT ? OFFSET ?";
        List<Object> pageParams = new ArrayList<>(whereParams);
        pageParams.add(limit + 1);
        pageParams.add(offset);
        List<SummaryRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            customPlan(ps);
            bind(ps, pageParams);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(summary(rs));
                }
            }
        }
        boolean more = rows.size() > limit;
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (!more && (!rows.isEmpty() || offset == 0)) {
            // the last page: the total is known without counting
            return new Result(rows, offset + rows.size(), false, false);
        }
        long counted;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM atom a" + where + " LIMIT ?) hits")) {
            customPlan(ps);
            List<Object> countParams = new ArrayList<>(whereParams);
            countParams.add(maxCounted + 1);
            bind(ps, countParams);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                counted = rs.getLong(1);
            }
        }
        if (counted > maxCounted) {
            // at least the bound, and at least as many as this page proves exist
            long seen = rows.isEmpty() ? 0 : offset + rows.size() + (more ? 1 : 0);
            return new Result(rows, Math.max(maxCounted, seen), true, more);
        }
        return new Result(rows, counted, false, more);
    }

    private static SummaryRow summary(ResultSet rs) throws SQLException {
        double rankValue = rs.getDouble(17);
        Double rank = rs.wasNull() ? null : rankValue;
        return new SummaryRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                Kind.valueOf(rs.getString(5)), rs.getString(6), strings(rs.getArray(7)), rs.getString(8),
                Lifecycle.valueOf(rs.getString(9)), rs.getString(10), rs.getObject(11, UUID.class), rs.getBoolean(12),
                rs.getLong(13), rs.getBigDecimal(14), instant(rs, 15), instant(rs, 16), rank);
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
