package org.plugin.atom.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** API shapes of the contribution ledger: ids only, never names (the ledger outlives erasures). */
public final class LedgerDtos {

    private LedgerDtos() {
    }

    public record Actor(String kind, @Schema(nullable = true) UUID contributorId, @Schema(nullable = true) String ciClient, @Schema(nullable = true) String adminSubject) {
    }

    /**
     * An entry with what its hash covers. The CI client is shown while it is known; the chain commits
     * to it through {@code ciCommitment}, so forgetting it (erasure) leaves the chain verifiable.
     */
    public record LedgerEntryView(long seq, UUID id, Instant recordedAt, String event, @Schema(nullable = true) UUID atomId, String atom, @Schema(nullable = true) String version,
            Actor actor, @Schema(nullable = true) String ciCommitment, @Schema(nullable = true) String details, @Schema(nullable = true) String previousHash, String hash) {
    }

    /** The first entry that does not verify, and why. */
    public record Broken(long seq, UUID id, String reason) {
    }

    /** GET /api/atoms/ledger/verification: the whole chain checked, up to the head. */
    public record Verification(boolean valid, long entriesChecked, long lastSeq, @Schema(nullable = true) String lastHash, @Schema(nullable = true) Broken firstBroken, Instant verifiedAt) {
    }
}
