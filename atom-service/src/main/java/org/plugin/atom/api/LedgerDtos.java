package org.plugin.atom.api;

import java.time.Instant;
import java.util.UUID;

import org.plugin.atom.repository.LedgerEntry;

/** API shape of ledger entries: ids only, never names (the ledger outlives erasures). */
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

        public static LedgerEntryView from(LedgerEntry e, boolean showAdmin) {
            return new LedgerEntryView(e.seq, e.id, e.recordedAt, e.event.name(), e.atomId, e.atomName, e.atomVersion,
                    new Actor(e.actorKind.name(), e.actorContributorId, e.ciClient, showAdmin ? e.actorAdminSubject : null),
                    e.ciCommitment, e.details, e.previousHash, e.hash);
        }
    }
}
