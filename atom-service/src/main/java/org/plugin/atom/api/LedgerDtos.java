package org.plugin.atom.api;

import java.time.Instant;
import java.util.UUID;

/** API shapes of the contribution ledger: ids only, never names (the ledger outlives erasures). */
public final class LedgerDtos {

    private LedgerDtos() {
    }

    public record Actor(String kind, UUID contributorId, String ciClient, String adminSubject) {
    }

    /**
     * An entry with what its hash covers. The CI client is shown while it is known; the chain commits
     * to it through {@code ciCommitment}, so forgetting it (erasure) leaves the chain verifiable.
     */
    public record LedgerEntryView(long seq, UUID id, Instant recordedAt, String event, UUID atomId, String atom, String version,
            Actor actor, String ciCommitment, String details, String previousHash, String hash) {
    }

    /** The first entry that does not verify, and why. */
    public record Broken(long seq, UUID id, String reason) {
    }

    /** GET /api/atoms/ledger/verification: the whole chain checked, up to the head. */
    public record Verification(boolean valid, long entriesChecked, long lastSeq, String lastHash, Broken firstBroken, Instant verifiedAt) {
    }
}
