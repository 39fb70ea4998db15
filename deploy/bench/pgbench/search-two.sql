-- Search by two words with a filter (kind=VNF): the same statement as search-one.sql, with the
-- filter in both groups, for a pair of the bench's list. Run with -M extended.
\set w random(1, 10)
WITH q AS (SELECT websearch_to_tsquery('english', (ARRAY['packet monitoring','user plane','traffic firewall','edge antenna','control endpoint','network probe','configuration midhaul','data export','service billing','deployment inference'])[:w]) AS query),
     title_hits AS (SELECT a.id, 1 + ts_rank_cd(a.title_vector, q.query, 32) AS rank FROM atom a, q WHERE a.lifecycle <> 'REMOVED' AND a.kind = 'VNF' AND a.title_vector @@ websearch_to_tsquery('english', (ARRAY['packet monitoring','user plane','traffic firewall','edge antenna','control endpoint','network probe','configuration midhaul','data export','service billing','deployment inference'])[:w]) LIMIT 200),
     body_hits AS (SELECT a.id, CASE WHEN (SELECT count(*) FROM title_hits) >= 20 THEN 0::real ELSE ts_rank_cd(a.search_vector, q.query, 32) END AS rank FROM atom a, q WHERE a.lifecycle <> 'REMOVED' AND a.kind = 'VNF' AND a.search_vector @@ websearch_to_tsquery('english', (ARRAY['packet monitoring','user plane','traffic firewall','edge antenna','control endpoint','network probe','configuration midhaul','data export','service billing','deployment inference'])[:w]) AND NOT a.title_vector @@ q.query LIMIT 200),
     hits AS (SELECT id, rank FROM title_hits UNION ALL SELECT id, rank FROM body_hits),
     page AS (SELECT id, rank, count(*) OVER () AS found, count(*) FILTER (WHERE rank >= 1) OVER () AS title_found FROM hits ORDER BY rank DESC, id LIMIT 20 OFFSET 0)
SELECT a.id, a.name, a.display_name, a.summary, a.kind, a.category, a.tags, a.license, a.lifecycle, a.latest_version, a.owner_id,
       (r.contributor_id IS NOT NULL), coalesce(s.rating_count, 0), s.average, a.created_at, a.updated_at, page.rank, page.found, page.title_found
  FROM page JOIN atom a ON a.id = page.id LEFT JOIN atom_rating_stats s ON s.atom_id = a.id
  LEFT JOIN restricted_contributor r ON r.contributor_id = a.owner_id ORDER BY page.rank DESC, a.id;
