-- privacy-service schema. Every "now" is written by the application from PlatformClock, never by now(),
-- so that tests and the local stack can move time.

-- Data-subject requests: one row per request, with the due date and the work the service still owes.
CREATE TABLE privacy_request (
    id                  uuid PRIMARY KEY,
    subject             varchar(255),            -- token subject of the requester; null once erased
    contributor_id      uuid,                    -- resolved from contributor-service when the requester is a contributor
    type                varchar(20)  NOT NULL,
    status              varchar(20)  NOT NULL,
    details             text,                    -- JSON: what the type needs (rectification values, reason); null once erased
    received_at         timestamptz  NOT NULL,
    due_date            date         NOT NULL,
    extended_months     integer      NOT NULL DEFAULT 0,
    rejection_reason    text,
    completed_at        timestamptz,
    restriction_active  boolean      NOT NULL DEFAULT false,
    -- pending work done by the request worker (export, rectification, restriction, lifting)
    work                varchar(30),
    work_attempts       integer      NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz,
    lease_until         timestamptz,
    last_error          varchar(500),
    erasure_job_id      uuid,
    export_expires_at   timestamptz,
    version             bigint       NOT NULL DEFAULT 0,
    CONSTRAINT privacy_request_type_ck CHECK (type IN ('ACCESS', 'PORTABILITY', 'RECTIFICATION', 'RESTRICTION', 'OBJECTION', 'ERASURE')),
    CONSTRAINT privacy_request_status_ck CHECK (status IN ('RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED')),
    CONSTRAINT privacy_request_extension_ck CHECK (extended_months BETWEEN 0 AND 2)
);
-- at most one open request of a type per subject: a race between two identical POSTs gives one row
CREATE UNIQUE INDEX privacy_request_open_uq ON privacy_request (subject, type) WHERE status IN ('RECEIVED', 'IN_PROGRESS');
CREATE INDEX privacy_request_subject_idx ON privacy_request (subject, received_at);
CREATE INDEX privacy_request_due_idx ON privacy_request (due_date, id);
CREATE INDEX privacy_request_work_idx ON privacy_request (next_attempt_at) WHERE work IS NOT NULL;
CREATE INDEX privacy_request_contributor_idx ON privacy_request (contributor_id);

-- Every status change and decision on a request, with actor and time.
CREATE TABLE privacy_request_event (
    id          bigserial PRIMARY KEY,
    request_id  uuid         NOT NULL REFERENCES privacy_request (id),
    at          timestamptz  NOT NULL,
    actor       varchar(300) NOT NULL,
    action      varchar(30)  NOT NULL,
    from_status varchar(20),
    to_status   varchar(20)  NOT NULL,
    note        varchar(1000)
);
CREATE INDEX privacy_request_event_request_idx ON privacy_request_event (request_id, id);

-- ACCESS and PORTABILITY documents, deleted when they expire.
CREATE TABLE export_document (
    id          uuid PRIMARY KEY,
    request_id  uuid         NOT NULL UNIQUE REFERENCES privacy_request (id),
    kind        varchar(20)  NOT NULL,
    content     text         NOT NULL,
    created_at  timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL
);
CREATE INDEX export_document_expiry_idx ON export_document (expires_at);

-- Durable erasure jobs: one per contributor, whatever created it.
CREATE TABLE erasure_job (
    id               uuid PRIMARY KEY,
    contributor_id   uuid         NOT NULL,
    source           varchar(20)  NOT NULL,
    request_id       uuid,
    deactivated_at   timestamptz  NOT NULL,
    deadline         timestamptz  NOT NULL,
    run_after        timestamptz  NOT NULL,
    status           varchar(20)  NOT NULL,
    attempts         integer      NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL,
    lease_until      timestamptz,
    last_error       varchar(500),
    created_at       timestamptz  NOT NULL,
    completed_at     timestamptz,
    certificate_hash varchar(64),
    version          bigint       NOT NULL DEFAULT 0,
    CONSTRAINT erasure_job_contributor_uq UNIQUE (contributor_id),
    CONSTRAINT erasure_job_source_ck CHECK (source IN ('DEACTIVATION', 'REQUEST')),
    CONSTRAINT erasure_job_status_ck CHECK (status IN ('SCHEDULED', 'RUNNING', 'RETRYING', 'COMPLETED'))
);
CREATE INDEX erasure_job_due_idx ON erasure_job (next_attempt_at) WHERE status <> 'COMPLETED';
CREATE INDEX erasure_job_deadline_idx ON erasure_job (deadline, id);

-- One step per service the job must reach, with its own status and confirmation time.
CREATE TABLE erasure_step (
    job_id          uuid         NOT NULL REFERENCES erasure_job (id),
    service         varchar(40)  NOT NULL,
    status          varchar(20)  NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    last_attempt_at timestamptz,
    last_error      varchar(500),
    confirmed_at    timestamptz,
    PRIMARY KEY (job_id, service),
    CONSTRAINT erasure_step_status_ck CHECK (status IN ('PENDING', 'FAILED', 'CONFIRMED'))
);

-- Deactivation events received from contributor-service (idempotency on event id). Non-personal.
CREATE TABLE deactivation_event (
    event_id        uuid PRIMARY KEY,
    contributor_id  uuid         NOT NULL,
    deactivated_at  timestamptz  NOT NULL,
    received_at     timestamptz  NOT NULL,
    job_id          uuid         NOT NULL REFERENCES erasure_job (id)
);
CREATE INDEX deactivation_event_contributor_idx ON deactivation_event (contributor_id);

-- Register of disclosures to competent authorities.
CREATE TABLE disclosure (
    id            uuid PRIMARY KEY,
    authority     varchar(200) NOT NULL,
    legal_basis   varchar(500) NOT NULL,
    reference     varchar(200) NOT NULL,
    disclosed_on  date         NOT NULL,
    confidential  boolean      NOT NULL,
    approved_by   varchar(300) NOT NULL,
    recorded_at   timestamptz  NOT NULL
);
CREATE INDEX disclosure_date_idx ON disclosure (disclosed_on DESC, id);

CREATE TABLE disclosure_contributor (
    disclosure_id  uuid NOT NULL REFERENCES disclosure (id),
    contributor_id uuid NOT NULL,
    PRIMARY KEY (disclosure_id, contributor_id)
);
CREATE INDEX disclosure_contributor_idx ON disclosure_contributor (contributor_id);

CREATE TABLE disclosure_category (
    disclosure_id  uuid         NOT NULL REFERENCES disclosure (id),
    category       varchar(100) NOT NULL,
    PRIMARY KEY (disclosure_id, category)
);

-- Users asking the operator to put them in touch with a contributor.
CREATE TABLE contact_request (
    id                     uuid PRIMARY KEY,
    requester_subject      varchar(255),          -- null once the requester's data is erased
    target_contributor_id  uuid         NOT NULL,
    target_account_name    varchar(64),           -- null once the contributor is erased
    message                text,                  -- null once either side is erased
    reply_to               varchar(254),
    status                 varchar(20)  NOT NULL,
    created_at             timestamptz  NOT NULL,
    decided_at             timestamptz,
    decided_by             varchar(300),
    decision_note          varchar(1000),
    CONSTRAINT contact_request_status_ck CHECK (status IN ('PENDING', 'RELAYED', 'DECLINED'))
);
CREATE INDEX contact_request_requester_idx ON contact_request (requester_subject, created_at);
CREATE INDEX contact_request_target_idx ON contact_request (target_contributor_id, created_at);
CREATE INDEX contact_request_status_idx ON contact_request (status, created_at);

-- The personal data notice and its cookie register, as versioned documents (JSON text).
CREATE TABLE notice_version (
    version         varchar(40) PRIMARY KEY,
    effective_date  date         NOT NULL,
    content         text         NOT NULL,
    published_at    timestamptz  NOT NULL,
    published_by    varchar(300) NOT NULL
);
CREATE INDEX notice_version_effective_idx ON notice_version (effective_date DESC, published_at DESC);
