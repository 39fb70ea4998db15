-- Atoms :prefix<first> .. :prefix<last> into atom-service's database, as its registration writes
-- them (psql variables: prefix, first, last, seed, owners = a uuid[] literal of owner ids):
--   atom            descriptive fields in normal form (trimmed, tags distinct and sorted); the
--                   search vectors are filled by the table's own trigger, as for any insert
--   atom_rating_stats  the empty rating summary created with every Atom
--   atom_version    1 to 3 PUBLISHED versions, content in the service's JSON form and content_digest
--                   = SHA-256 of the same canonical JSON the service hashes; latest_version set
-- Not written: ledger entries (no benchmarked read uses the ledger; the chain stays valid, without
-- the history of these Atoms). Deterministic for a given seed.
\i :textsql

SELECT setseed(:seed);

CREATE TEMP TABLE bench_new_atom AS
SELECT gen_random_uuid() AS id,
       :'prefix' || i AS name,
       i,
       (:'owners'::uuid[])[1 + (i % array_length(:'owners'::uuid[], 1))] AS owner_id,
       1 + floor(random() * 3)::int AS versions,
       now() - make_interval(days => floor(random() * 700)::int, secs => floor(random() * 86400)::int) AS created_at,
       random() AS r,
       pg_temp.bench_text(1 + floor(random() * 4)::int, false) AS tag_words
  FROM generate_series(:first, :last) AS i;

INSERT INTO atom (id, name, display_name, summary, description, kind, category, tags, license, source_url, documentation_url,
                  owner_id, lifecycle, latest_version, created_at, updated_at, row_version)
SELECT n.id, n.name,
       initcap(pg_temp.bench_text(3, false)) || ' ' || n.i,
       rtrim(pg_temp.bench_text(8 + floor(random() * 10)::int), '.'),
       pg_temp.bench_text(30 + floor(random() * 120)::int),
       CASE WHEN n.r < 0.5 THEN 'VNF' ELSE 'COMPONENT' END,
       (ARRAY['networking', 'security', 'monitoring', 'orchestration', 'radio', 'core', 'edge', 'analytics', 'storage', 'testing'])
           [1 + floor(random() * 10)::int],
       (SELECT array_agg(DISTINCT t ORDER BY t) FROM unnest(string_to_array(n.tag_words, ' ')) AS t),
       (ARRAY['Apache-2.0', 'MIT', 'GPL-3.0-only', 'BSD-3-Clause', 'MPL-2.0'])[1 + floor(random() * 5)::int],
       'https://git.example.org/bench/' || n.name,
       CASE WHEN random() < 0.5 THEN 'https://docs.example.org/' || n.name END,
       n.owner_id,
       CASE WHEN random() < 0.05 THEN 'DEPRECATED' ELSE 'ACTIVE' END,
       n.versions || '.0.0',
       n.created_at,
       n.created_at + make_interval(days => 10 * n.versions),
       0
  FROM bench_new_atom n;

INSERT INTO atom_rating_stats (atom_id) SELECT id FROM bench_new_atom;

-- Version content as the service keeps it: artifacts, languages (sorted), connection points (sorted
-- by name), release notes; digest over {"artifacts":..,"languages":..,"connectionPoints":..,"releaseNotes":..}.
WITH v AS (
  SELECT n.id AS atom_id, n.name, n.owner_id, k || '.0.0' AS version,
         n.created_at + make_interval(days => 10 * k) AS at,
         'registry.example.org/bench/' || n.name || ':' || k || '.0.0' AS reference,
         'sha256:' || encode(sha256(convert_to(n.name || k, 'UTF8')), 'hex') AS artifact_digest,
         CASE WHEN n.r < 0.3 THEN '["C","Go"]' WHEN n.r < 0.6 THEN '["Go"]' WHEN n.r < 0.8 THEN '["Python"]' ELSE '["C++","Rust"]' END AS languages,
         CASE WHEN n.r < 0.5
              THEN '[{"name":"mgmt","protocol":"HTTP","direction":"BIDIRECTIONAL"},{"name":"n3","protocol":"GTP-U","direction":"IN"},{"name":"n6","protocol":"IP","direction":"OUT"}]'
              ELSE '[{"name":"api","protocol":"HTTP","direction":"IN"}]' END AS points,
         'Release ' || k || '.0.0 of ' || n.name || '.' AS notes
    FROM bench_new_atom n, generate_series(1, n.versions) AS k
)
INSERT INTO atom_version (id, atom_id, version, state, artifacts, languages, connection_points, release_notes, content_digest,
                          created_at, updated_at, published_at, registered_by, row_version)
SELECT gen_random_uuid(), v.atom_id, v.version, 'PUBLISHED',
       ('[{"type":"CONTAINER_IMAGE","reference":"' || v.reference || '","digest":"' || v.artifact_digest || '"}]')::jsonb,
       v.languages::jsonb, v.points::jsonb, v.notes,
       encode(sha256(convert_to('{"artifacts":[{"type":"CONTAINER_IMAGE","reference":"' || v.reference || '","digest":"'
           || v.artifact_digest || '"}],"languages":' || v.languages || ',"connectionPoints":' || v.points
           || ',"releaseNotes":"' || v.notes || '"}', 'UTF8')), 'hex'),
       v.at, v.at, v.at, v.owner_id, 0
  FROM v;

SELECT count(*) FROM bench_new_atom;
