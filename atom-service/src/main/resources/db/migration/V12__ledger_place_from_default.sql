-- A new entry's provisional place comes from the column's default, so the INSERT returns it: an append
-- no longer asks for nextval('ledger_append_seq') in a statement of its own (one round trip less per
-- write that touches the ledger, and no flush forced ahead of it). Same numbers, same order as before:
-- minus the next value of ledger_append_seq, taken when the entry is inserted.
ALTER TABLE ledger_entry ALTER COLUMN seq SET DEFAULT -nextval('ledger_append_seq');
