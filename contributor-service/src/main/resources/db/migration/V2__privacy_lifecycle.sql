-- Deactivation, restriction and erasure of contributors; the personal-data audit; the outbox that
-- carries deactivations to privacy-service.

-- An erased contributor keeps only a non-personal stub (id, status, dates): the personal columns
-- become nullable, and checks keep them filled exactly while the contributor is not erased.
ALTER TABLE contributor
    ALTER COLUMN subject DROP NOT NULL,
    ALTER COLUMN account_name DROP NOT NULL,
    ALTER COLUMN first_name DROP NOT NULL,
    ALTER COLUMN last_name DROP NOT NULL,
    ALTER COLUMN email DROP NOT NULL,
    ADD COLUMN restricted         BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN restriction_changed_at TIMESTAMPTZ,
    ADD COLUMN restriction_changed_by VARCHAR(300),
    ADD COLUMN restriction_reason VARCHAR(500),
    ADD COLUMN deactivated_at     TIMESTAMPTZ,
    ADD COLUMN erasure_due_at     TIMESTAMPTZ,
    ADD COLUMN erased_at          TIMESTAMPTZ;

ALTER TABLE contributor
    ADD CONSTRAINT contributor_status_ck CHECK (status IN ('ACTIVE', 'DEACTIVATED', 'ERASED')),
    ADD CONSTRAINT contributor_personal_data_ck CHECK (status = 'ERASED' OR (subject IS NOT NULL
        AND account_name IS NOT NULL AND first_name IS NOT NULL AND last_name IS NOT NULL AND email IS NOT NULL)),
    ADD CONSTRAINT contributor_erased_ck CHECK (status <> 'ERASED' OR (erased_at IS NOT NULL AND subject IS NULL
        AND account_name IS NULL AND first_name IS NULL AND last_name IS NULL AND email IS NULL
        AND restricted = FALSE AND restriction_changed_by IS NULL AND restriction_reason IS NULL)),
    ADD CONSTRAINT contributor_deactivated_ck CHECK (status <> 'DEACTIVATED'
        OR (deactivated_at IS NOT NULL AND erasure_due_at IS NOT NULL));

-- the directory: one status, sorted by account name then id. Account names are ASCII; the "C"
-- collation sorts them the same whatever the server's locale (which would otherwise ignore hyphens).
ALTER TABLE contributor ALTER COLUMN account_name TYPE VARCHAR(32) COLLATE "C";
CREATE INDEX contributor_directory_ix ON contributor (status, account_name, id);

-- Rectifications: which field changed, when, and who acted; never the old values.
CREATE TABLE rectification_audit (
    id             UUID         PRIMARY KEY,
    contributor_id UUID         NOT NULL REFERENCES contributor (id),
    field          VARCHAR(16)  NOT NULL CHECK (field IN ('firstName', 'lastName', 'email')),
    changed_at     TIMESTAMPTZ  NOT NULL,
    actor_type     VARCHAR(16)  NOT NULL CHECK (actor_type IN ('CONTRIBUTOR', 'PRIVACY_REQUEST')),
    actor          VARCHAR(255) NOT NULL
);
CREATE INDEX rectification_audit_contributor_ix ON rectification_audit (contributor_id, changed_at, id);

-- Every admin read that returned a contributor's email: who, when, which contributor, through what.
CREATE TABLE email_read (
    id             UUID         PRIMARY KEY,
    contributor_id UUID         NOT NULL REFERENCES contributor (id),
    reader_subject VARCHAR(255) NOT NULL,
    reader_name    VARCHAR(255),
    read_at        TIMESTAMPTZ  NOT NULL,
    context        VARCHAR(16)  NOT NULL CHECK (context IN ('PROFILE', 'DIRECTORY'))
);
CREATE INDEX email_read_contributor_ix ON email_read (contributor_id, read_at, id);

-- Deactivations waiting to reach privacy-service: written with the status change, sent until confirmed.
CREATE TABLE deactivation_outbox (
    event_id        UUID         PRIMARY KEY,
    contributor_id  UUID         NOT NULL,
    deactivated_at  TIMESTAMPTZ  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    last_attempt_at TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    last_error      VARCHAR(500)
);
CREATE UNIQUE INDEX deactivation_outbox_contributor_uk ON deactivation_outbox (contributor_id);
CREATE INDEX deactivation_outbox_due_ix ON deactivation_outbox (next_attempt_at, event_id) WHERE delivered_at IS NULL;
