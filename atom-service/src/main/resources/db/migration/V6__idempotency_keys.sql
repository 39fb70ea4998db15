-- Answers to creating requests sent with an Idempotency-Key (common's IdempotencyStore): a retry
-- with the same key gets the first answer instead of writing again. Kept 24 hours (purged hourly),
-- deleted with the caller at erasure: a kept answer may hold the caller's own data.
CREATE TABLE idempotency_key (
    caller          varchar(255) NOT NULL,
    idempotency_key varchar(255) NOT NULL,
    fingerprint     char(64)     NOT NULL,
    status          integer,
    location        text,
    body            text,
    created_at      timestamptz  NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
