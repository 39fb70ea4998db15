-- :count contributors bench-e<:tag>-NNNN who deactivated themselves just now, as contributor-service's
-- deactivation writes them (psql variables: tag, count): the contributor row (DEACTIVATED, erasure due
-- one calendar month later in Europe/Paris) and its deactivation_outbox event. The events are marked
-- delivered: the bench delivers them itself (POST /internal/privacy/deactivations, the outbox's own
-- call) so that 1,000 arrive at once instead of at the outbox's pace.
CREATE TEMP TABLE bench_erasure AS
SELECT gen_random_uuid() AS id, gen_random_uuid() AS event_id, gen_random_uuid()::text AS subject,
       'bench-e' || :'tag' || '-' || lpad(i::text, 4, '0') AS account_name, i,
       date_trunc('milliseconds', now()) AS at
  FROM generate_series(1, :count) AS i;

INSERT INTO contributor (id, subject, account_name, first_name, last_name, email, status, created_at, updated_at, version,
                         restricted, deactivated_at, erasure_due_at)
SELECT id, subject, account_name,
       (ARRAY['Alice','Bruno','Chloe','David','Emma','Farid','Gaelle','Hugo'])[1 + i % 8],
       (ARRAY['Martin','Bernard','Dubois','Thomas','Robert','Richard','Petit'])[1 + i % 7],
       account_name || '@example.org', 'DEACTIVATED', at - interval '90 days', at, 1, false,
       at, ((at AT TIME ZONE 'Europe/Paris') + interval '1 month') AT TIME ZONE 'Europe/Paris'
  FROM bench_erasure;

INSERT INTO deactivation_outbox (event_id, contributor_id, deactivated_at, created_at, attempts, next_attempt_at, last_attempt_at, delivered_at)
SELECT event_id, id, at, at, 1, at, at, at FROM bench_erasure;

-- what the bench needs next: id, event, deactivation instant, subject, account name
SELECT id, event_id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), subject, account_name
  FROM bench_erasure ORDER BY account_name;
