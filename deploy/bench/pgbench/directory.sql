-- Directory page: what contributor-service runs per GET /api/contributors?limit=20&offset=<o> for a
-- user (Hibernate's statements, from PostgreSQL's log): the count and the page, in one transaction.
-- Run with -M prepared.
\set page random(0, :pages - 1)
\set o :page * 20
BEGIN;
select count(*) from contributor c1_0 where c1_0.status='ACTIVE';
select c1_0.id,c1_0.account_name,c1_0.created_at,c1_0.deactivated_at,c1_0.email,c1_0.erased_at,c1_0.erasure_due_at,c1_0.first_name,c1_0.last_name,c1_0.restricted,c1_0.restriction_changed_at,c1_0.restriction_changed_by,c1_0.restriction_reason,c1_0.status,c1_0.subject,c1_0.updated_at,c1_0.version from contributor c1_0 where c1_0.status='ACTIVE' order by c1_0.account_name,c1_0.id offset :o rows fetch first 20 rows only;
COMMIT;
