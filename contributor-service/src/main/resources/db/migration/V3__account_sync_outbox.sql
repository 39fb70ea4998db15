-- What other holders keep of a contributor, kept in step through an outbox:
--   IDENTITY_PROVIDER: the login account at the identity provider (Keycloak): email and names written
--                      through from this service, disabled (sessions ended) once deactivated;
--   ATOM_SERVICE:      the restriction flag atom-service applies to attribution.
-- One row per contributor and target, marked pending (generation + 1) in the transaction that changes
-- the contributor. The sender reads the contributor's current state when it sends, so the row holds
-- no personal data, and a later change supersedes an earlier one: what reaches the target is always
-- the latest state. A row is settled when the target confirmed the generation it was sent.
CREATE TABLE sync_outbox (
    contributor_id    UUID         NOT NULL,
    target            VARCHAR(32)  NOT NULL CHECK (target IN ('IDENTITY_PROVIDER', 'ATOM_SERVICE')),
    generation        BIGINT       NOT NULL,
    synced_generation BIGINT       NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ  NOT NULL,
    changed_at        TIMESTAMPTZ  NOT NULL,
    -- consecutive failed attempts since the last confirmation or change (the backoff's exponent)
    attempts          INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ  NOT NULL,
    -- while a sender calls the target: no other sender takes the row before this instant
    lease_until       TIMESTAMPTZ,
    last_attempt_at   TIMESTAMPTZ,
    synced_at         TIMESTAMPTZ,
    last_error        VARCHAR(500),
    PRIMARY KEY (contributor_id, target)
);
CREATE INDEX sync_outbox_due_ix ON sync_outbox (next_attempt_at) WHERE synced_generation < generation;

-- Contributors registered before this outbox existed: their names and email go to the identity
-- provider once; a restriction ever set or lifted here goes to atom-service (an admin's never did).
INSERT INTO sync_outbox (contributor_id, target, generation, created_at, changed_at, next_attempt_at)
SELECT id, 'IDENTITY_PROVIDER', 1, now(), now(), now() FROM contributor WHERE status <> 'ERASED';
INSERT INTO sync_outbox (contributor_id, target, generation, created_at, changed_at, next_attempt_at)
SELECT id, 'ATOM_SERVICE', 1, now(), now(), now() FROM contributor WHERE restricted OR restriction_changed_at IS NOT NULL;
