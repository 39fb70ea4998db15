-- Atom detail: the one statement atom-service runs per GET /api/atoms/{name} (CatalogQueries.DETAIL),
-- for a random Atom of the bench catalog. Run with -M prepared (the JDBC driver prepares it on the server).
\set n random(1, :catalog)
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
 WHERE a.name = 'bench-atom-' || :n;
