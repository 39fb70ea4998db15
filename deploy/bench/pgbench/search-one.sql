-- Search by one word: the statement atom-service runs per GET /api/atoms?q=<word> (CatalogQueries.ranked:
-- relevance order, first page of 20, at most 200 hits per group, the number found in the same
-- statement), for a word of the bench's list. Run with -M extended: the service plans it for its
-- actual values every time (no server-side prepared statement), and with the session settings of
-- its search pool (PGOPTIONS="-c synchronize_seqscans=off -c cpu_index_tuple_cost=0.05"). The
-- description hits' ranks are computed only when the title hits do not fill the page (20).
\set w random(1, 12)
WITH q AS (SELECT websearch_to_tsquery('english', (ARRAY['network','packet','monitoring','firewall','antenna','midhaul','endpoint','billing','inference','vehicle','gnodeb','stadium'])[:w]) AS query),
     title_hits AS (SELECT a.id, 1 + ts_rank_cd(a.title_vector, q.query, 32) AS rank FROM atom a, q WHERE a.lifecycle <> 'REMOVED' AND a.title_vector @@ websearch_to_tsquery('english', (ARRAY['network','packet','monitoring','firewall','antenna','midhaul','endpoint','billing','inference','vehicle','gnodeb','stadium'])[:w]) LIMIT 200),
     body_hits AS (SELECT a.id, CASE WHEN (SELECT count(*) FROM title_hits) >= 20 THEN 0::real ELSE ts_rank_cd(a.search_vector, q.query, 32) END AS rank FROM atom a, q WHERE a.lifecycle <> 'REMOVED' AND a.search_vector @@ websearch_to_tsquery('english', (ARRAY['network','packet','monitoring','firewall','antenna','midhaul','endpoint','billing','inference','vehicle','gnodeb','stadium'])[:w]) AND NOT a.title_vector @@ q.query LIMIT 200),
     hits AS (SELECT id, rank FROM title_hits UNION ALL SELECT id, rank FROM body_hits),
     page AS (SELECT id, rank, count(*) OVER () AS found, count(*) FILTER (WHERE rank >= 1) OVER () AS title_found FROM hits ORDER BY rank DESC, id LIMIT 20 OFFSET 0)
SELECT a.id, a.name, a.display_name, a.summary, a.kind, a.category, a.tags, a.license, a.lifecycle, a.latest_version, a.owner_id,
       (r.contributor_id IS NOT NULL), coalesce(s.rating_count, 0), s.average, a.created_at, a.updated_at, page.rank, page.found, page.title_found
  FROM page JOIN atom a ON a.id = page.id LEFT JOIN atom_rating_stats s ON s.atom_id = a.id
  LEFT JOIN restricted_contributor r ON r.contributor_id = a.owner_id ORDER BY page.rank DESC, a.id;
