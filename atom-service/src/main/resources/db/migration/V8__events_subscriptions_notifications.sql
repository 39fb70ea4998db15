-- Issue 16: what dependants hear about. Events are recorded in the transaction of the change they
-- describe (ids and names only, no personal data); a dispatcher turns each into notifications
-- after the commit, in order per Atom, and marks it dispatched in the same transaction.
CREATE TABLE catalog_event (
    id            BIGSERIAL PRIMARY KEY,
    type          VARCHAR(64)  NOT NULL,
    atom_id       UUID         NOT NULL,
    atom_name     VARCHAR(64)  NOT NULL,
    version       VARCHAR(128),
    occurred_at   TIMESTAMPTZ  NOT NULL,
    dispatched_at TIMESTAMPTZ,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    -- null: due at once; set after a failed dispatch, with the backoff
    due_at        TIMESTAMPTZ,
    last_error    VARCHAR(300)
);
-- the dispatcher reads only what is not dispatched yet
CREATE INDEX catalog_event_pending_idx ON catalog_event (id) WHERE dispatched_at IS NULL;
CREATE INDEX catalog_event_pending_atom_idx ON catalog_event (atom_name, id) WHERE dispatched_at IS NULL;

-- A contributor follows an Atom (by name: the subscription outlives the Atom's row until its
-- removal has been dispatched to the subscribers). Personal data of the subscriber.
CREATE TABLE atom_subscription (
    contributor_id UUID        NOT NULL,
    atom_name      VARCHAR(64) NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (contributor_id, atom_name)
);
CREATE INDEX atom_subscription_atom_idx ON atom_subscription (atom_name);

-- In-app notifications of a contributor: one per (recipient, event), or a notice about their webhook.
CREATE TABLE notification (
    id           UUID PRIMARY KEY,
    recipient_id UUID          NOT NULL,
    event_id     BIGINT,
    type         VARCHAR(64)   NOT NULL,
    atom_name    VARCHAR(64),
    version      VARCHAR(128),
    chains       TEXT[]        NOT NULL DEFAULT '{}',
    webhook_id   UUID,
    webhook_url  VARCHAR(2048),
    reason       VARCHAR(500),
    occurred_at  TIMESTAMPTZ   NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    read_at      TIMESTAMPTZ
);
CREATE UNIQUE INDEX notification_event_uk ON notification (recipient_id, event_id) WHERE event_id IS NOT NULL;
-- the list: unread first, then newest
CREATE INDEX notification_list_idx ON notification (recipient_id, (read_at IS NOT NULL), occurred_at DESC, id DESC);
