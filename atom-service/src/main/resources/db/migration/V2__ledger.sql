-- The contribution ledger: append-only, each entry hash-chained to the previous one.
-- hash = SHA-256 over the canonical form of the entry (see LedgerCanonicalForm), which includes
-- previous_hash. The CI client is committed through a salted digest (ci_commitment), so that an
-- erasure can forget the client id and its salt without breaking the chain.

CREATE TABLE ledger_head (
    id        SMALLINT PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);
INSERT INTO ledger_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64));

CREATE TABLE ledger_entry (
    seq                  BIGINT PRIMARY KEY,
    id                   UUID         NOT NULL UNIQUE,
    recorded_at          TIMESTAMPTZ  NOT NULL,
    event                VARCHAR(32)  NOT NULL,
    atom_id              UUID,
    atom_name            VARCHAR(64),
    atom_version         VARCHAR(128),
    actor_kind           VARCHAR(16)  NOT NULL,
    actor_contributor_id UUID,
    actor_admin_subject  VARCHAR(255),
    ci_client            VARCHAR(255),
    ci_salt              CHAR(32),
    ci_commitment        CHAR(64),
    details              TEXT         NOT NULL,
    previous_hash        CHAR(64)     NOT NULL,
    hash                 CHAR(64)     NOT NULL
);
CREATE INDEX ledger_entry_atom_name_idx ON ledger_entry (atom_name, seq);
CREATE INDEX ledger_entry_contributor_idx ON ledger_entry (actor_contributor_id, seq);

-- Append-only: no DELETE; UPDATE may only forget a CI client id and its salt (erasure).
CREATE FUNCTION ledger_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'ledger entries are append-only';
    END IF;
    IF (NEW.seq, NEW.id, NEW.recorded_at, NEW.event, NEW.atom_id, NEW.atom_name, NEW.atom_version, NEW.actor_kind,
        NEW.actor_contributor_id, NEW.actor_admin_subject, NEW.ci_commitment, NEW.details, NEW.previous_hash, NEW.hash)
       IS DISTINCT FROM
       (OLD.seq, OLD.id, OLD.recorded_at, OLD.event, OLD.atom_id, OLD.atom_name, OLD.atom_version, OLD.actor_kind,
        OLD.actor_contributor_id, OLD.actor_admin_subject, OLD.ci_commitment, OLD.details, OLD.previous_hash, OLD.hash)
       OR NEW.ci_client IS NOT NULL AND NEW.ci_client IS DISTINCT FROM OLD.ci_client
       OR NEW.ci_salt IS NOT NULL AND NEW.ci_salt IS DISTINCT FROM OLD.ci_salt THEN
        RAISE EXCEPTION 'ledger entries are append-only (only a CI client id may be forgotten)';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER ledger_entry_guard_trg BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_guard();
