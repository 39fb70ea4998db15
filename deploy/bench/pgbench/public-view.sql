-- Contributor public view: the statement contributor-service runs per GET /api/contributors/{accountName}.
-- Run with -M prepared. The service lowers the account name itself (ContributorRepository.BY_ACCOUNT_NAME);
-- the bench's names are lower case already.
\set n random(1, :directory)
select c1_0.id,c1_0.account_name,c1_0.created_at,c1_0.deactivated_at,c1_0.email,c1_0.erased_at,c1_0.erasure_due_at,c1_0.first_name,c1_0.last_name,c1_0.restricted,c1_0.restriction_changed_at,c1_0.restriction_changed_by,c1_0.restriction_reason,c1_0.status,c1_0.subject,c1_0.updated_at,c1_0.version from contributor c1_0 where lower(c1_0.account_name)=('bench-d' || lpad(:n::text, 4, '0')) fetch first 1 rows only;
