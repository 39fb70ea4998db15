-- Search by one word: the two statements atom-service runs per GET /api/atoms?q=<word> (relevance
-- order, first page of 20, at most 200 ranked hits per group): the page, then the bounded count
-- (every word of the list fills a page). Run with -M extended: the service plans them for their
-- actual values every time (no server-side prepared statement).
\set w random(1, 12)
WITH q AS (SELECT websearch_to_tsquery('english', (ARRAY['network','packet','monitoring','firewall','antenna','midhaul','endpoint','billing','inference','vehicle','gnodeb','stadium'])[:w]) AS query),
     title_hits AS (SELECT a.id, 1 + ts_rank_cd(a.title_vector, q.query, 32) AS rank FROM atom a, q WHERE a.lifecycle <> 'REMOVED' AND a.title_vector @@ websearch_to_tsquery('english', (ARRAY['network','packet','monitoring','firewall','antenna','midhaul','endpoint','billing','inference','vehicle','gnodeb','stadium'])[:w]) LIMIT 200),
     body_hits AS (SELECT a.id, ts_rank_cd(a.search_vector, q.query, 32) AS rank FROM atom a, q WHERE a.lifecycle <> 'REMOVED' AND a.search_vector @@ websearch_to_tsquery('english', (ARRAY['network','packet','monitoring','firewall','antenna','midhaul','endpoint','billing','inference','vehicle','gnodeb','stadium'])[:w]) AND NOT a.title_vector @@ q.query LIMIT 200),
     page AS (SELECT id, rank FROM (SELECT * FROM title_hits UNION ALL SELECT * FROM body_hits) hits ORDER BY rank DESC, id LIMIT 20 OFFSET 0)
SELECT a.id, a.name, a.display_name, a.summary, a.kind, a.category, a.tags, a.license, a.lifecycle, a.latest_version, a.owner_id,
       (r.contributor_id IS NOT NULL), coalesce(s.rating_count, 0), s.average, a.created_at, a.updated_at, page.rank
  FROM page JOIN atom a ON a.id = page.id LEFT JOIN atom_rating_stats s ON s.atom_id = a.id
  LEFT JOIN restricted_contributor r ON r.contributor_id = a.owner_id ORDER BY page.rank DESC, a.id;
SELECT count(*) FROM (SELECT 1 FROM atom a WHERE a.lifecycle <> 'REMOVED' AND a.search_vector @@ websearch_to_tsquery('english', (ARRAY['network','packet','monitoring','firewall','antenna','midhaul','endpoint','billing','inference','vehicle','gnodeb','stadium'])[:w]) LIMIT 200) hits;
