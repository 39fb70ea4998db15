-- Audit fixes.

-- The contributor's account name was copied from contributor-service into contact requests; it is
-- personal data of another service and is now resolved from contributor-service when shown.
ALTER TABLE contact_request DROP COLUMN target_account_name;

-- The erasure job learns the contributor's token subject from contributor-service before erasing
-- them there (contributor-service forgets it), so that the records this service keys by subject
-- (requests filed before registering, contact requests they sent) are erased too. Null again once
-- the job completes.
ALTER TABLE erasure_job ADD COLUMN subject varchar(255);

-- Completing a job closes the requests waiting for it.
CREATE INDEX privacy_request_erasure_job_idx ON privacy_request (erasure_job_id) WHERE erasure_job_id IS NOT NULL;

-- The unfiltered admin list of contact requests, oldest first.
CREATE INDEX contact_request_created_idx ON contact_request (created_at, id);

-- An extension's note carries its new due date before the admin's reason (up to 1000 characters).
ALTER TABLE privacy_request_event ALTER COLUMN note TYPE varchar(1100);
