-- The identity provider (Keycloak) holds the person's login account: username, email, names, sessions.
-- Every erasure job gets a third step, deleting that account (by the token subject the job learns from
-- contributor-service). Jobs not completed yet get the step now; completed jobs stay as certified.
INSERT INTO erasure_step (job_id, service, status)
SELECT id, 'identity-provider', 'PENDING' FROM erasure_job WHERE status <> 'COMPLETED'
ON CONFLICT (job_id, service) DO NOTHING;
