-- Indexes for queries V1 left to sequential scans as tables grow:
-- GET /api/chains pages chains newest first (ORDER BY created_at DESC, id).
CREATE INDEX chain_created_idx ON chain (created_at DESC, id);
-- An erasure forgets who registered versions (UPDATE atom_version ... WHERE registered_by = ?).
CREATE INDEX atom_version_registered_by_idx ON atom_version (registered_by) WHERE registered_by IS NOT NULL;
