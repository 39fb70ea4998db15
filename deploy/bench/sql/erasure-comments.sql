-- Two comments by each contributor of the erasure set on Atoms of the bench catalog, as atom-service's
-- POST /api/atoms/{name}/comments writes them (author subject and contributor id). Expects the temp
-- table bench_authors (id uuid, subject text); psql variable catalog = the number of bench-atom-* Atoms.
INSERT INTO feedback_comment (id, atom_id, author_subject, author_contributor_id, body, created_at)
SELECT gen_random_uuid(), a.id, x.subject, x.id,
       'Comment ' || k || ': tried it on our testbed, it works with our core network.',
       now() - make_interval(days => k)
  FROM bench_authors x
  CROSS JOIN generate_series(1, 2) AS k
  JOIN atom a ON a.name = 'bench-atom-' || (1 + abs(hashtext(x.id::text || k)) % :catalog);
SELECT count(*) FROM feedback_comment c JOIN bench_authors x ON x.id = c.author_contributor_id;
