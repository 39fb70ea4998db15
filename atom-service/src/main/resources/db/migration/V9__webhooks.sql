-- Webhooks (issue 16): endpoints a contributor registers, and the durable outbox of their deliveries.
-- A webhook, its deliveries and their attempts are personal data of its owner (exports, erasure).
CREATE TABLE webhook (
    id                   uuid          PRIMARY KEY,
    owner_id             uuid          NOT NULL,
    url                  varchar(500)  NOT NULL,
    description          varchar(300),
    -- the HMAC key, shown to its owner once (at creation or rotation); needed in clear to sign
    secret               varchar(100)  NOT NULL,
    enabled              boolean       NOT NULL,
    disabled_reason      varchar(300),
    disabled_at          timestamptz,
    consecutive_failures integer       NOT NULL DEFAULT 0,
    failing_since        timestamptz,
    created_at           timestamptz   NOT NULL,
    updated_at           timestamptz   NOT NULL,
    secret_rotated_at    timestamptz   NOT NULL
);
CREATE INDEX webhook_owner ON webhook (owner_id, created_at, id);

-- One delivery per (event, webhook): its CloudEvent body, fixed at enqueue time so that every attempt
-- sends the same bytes. state PENDING until delivered (DELIVERED) or given up (FAILED); the lease of a
-- claim is its next_attempt_at, the claim known by its attempt number.
CREATE TABLE webhook_delivery (
    id              uuid          PRIMARY KEY,
    webhook_id      uuid          NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_id        bigint        NOT NULL,
    event_type      varchar(100)  NOT NULL,
    body            text          NOT NULL,
    occurred_at     timestamptz   NOT NULL,
    created_at      timestamptz   NOT NULL,
    state           varchar(10)   NOT NULL,
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    last_status     integer,
    last_error      varchar(300),
    CONSTRAINT webhook_delivery_once UNIQUE (event_id, webhook_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_webhook ON webhook_delivery (webhook_id);

-- Each attempt, as its owner sees it: time, status code or error, duration.
CREATE TABLE webhook_attempt (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id  uuid          NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    webhook_id   uuid          NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    attempt      integer       NOT NULL,
    attempted_at timestamptz   NOT NULL,
    status_code  integer,
    error        varchar(300),
    duration_ms  integer       NOT NULL
);
CREATE INDEX webhook_attempt_webhook ON webhook_attempt (webhook_id, attempted_at DESC, id DESC);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id);
