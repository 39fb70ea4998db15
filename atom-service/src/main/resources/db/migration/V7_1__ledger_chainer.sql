-- Appends no longer lock the ledger head until their transaction ends (every write that touched the
-- ledger was serialized on it). An entry is stored with a provisional, negative place: minus a
-- number from ledger_append_seq, in append order; no previous hash, no hash. The chainer
-- (LedgerChainer), one at a time across replicas (an advisory lock), gives the committed ones the
-- next places after the head, in that order, with their hashes, and moves the head. Verification
-- and every read of the ledger chain what is committed first; places stay 1, 2, 3... without gaps.

CREATE SEQUENCE ledger_append_seq;

ALTER TABLE ledger_entry
    ALTER COLUMN previous_hash DROP NOT NULL,
    ALTER COLUMN hash DROP NOT NULL,
    ADD CONSTRAINT ledger_entry_chained_check CHECK (
        (seq > 0 AND previous_hash IS NOT NULL AND hash IS NOT NULL) OR (seq < 0 AND previous_hash IS NULL AND hash IS NULL));

-- Append-only: no DELETE. UPDATE may give an unchained entry (negative place, no hash) its place and
-- hashes, once, nothing else; and may forget a CI client id and its salt (erasure).
CREATE OR REPLACE FUNCTION ledger_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'ledger entries are append-only';
    END IF;
    IF (NEW.id, NEW.recorded_at, NEW.event, NEW.atom_id, NEW.atom_name, NEW.atom_version, NEW.actor_kind,
        NEW.actor_contributor_id, NEW.actor_admin_subject, NEW.ci_commitment, NEW.details)
       IS DISTINCT FROM
       (OLD.id, OLD.recorded_at, OLD.event, OLD.atom_id, OLD.atom_name, OLD.atom_version, OLD.actor_kind,
        OLD.actor_contributor_id, OLD.actor_admin_subject, OLD.ci_commitment, OLD.details)
       OR NEW.ci_client IS NOT NULL AND NEW.ci_client IS DISTINCT FROM OLD.ci_client
       OR NEW.ci_salt IS NOT NULL AND NEW.ci_salt IS DISTINCT FROM OLD.ci_salt THEN
        RAISE EXCEPTION 'ledger entries are append-only (only a CI client id may be forgotten)';
    END IF;
    IF (NEW.seq, NEW.previous_hash, NEW.hash) IS DISTINCT FROM (OLD.seq, OLD.previous_hash, OLD.hash)
       AND NOT (OLD.seq < 0 AND OLD.hash IS NULL AND NEW.seq > 0 AND NEW.hash IS NOT NULL) THEN
        RAISE EXCEPTION 'ledger entries are append-only (a chained entry keeps its place and hashes)';
    END IF;
    RETURN NEW;
END
$$;
