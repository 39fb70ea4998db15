package org.plugin.atom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.plugin.atom.repository.LedgerEntry;

/** What verification finds wrong with one entry of the hash chain, and what an entry shows to whom. */
class LedgerVerificationTest {

    static final String PREVIOUS = "1".repeat(64);

    /** The 8th entry, chained onto {@link #PREVIOUS}, as an append stores it. */
    static LedgerEntry entry(String ciClient) {
        var e = new LedgerEntry();
        e.seq = 8;
        e.id = UUID.fromString("00000000-0000-0000-0000-000000000008");
        e.recordedAt = Instant.parse("2026-11-26T10:15:30.123456Z");
        e.event = LedgerEntry.Event.ATOM_UPDATED;
        e.atomId = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
        e.atomName = "fast-router";
        e.actorKind = ciClient == null ? LedgerEntry.ActorKind.ADMIN : LedgerEntry.ActorKind.CI;
        e.actorAdminSubject = ciClient == null ? "sub-admin" : null;
        if (ciClient != null) {
            e.ciSalt = "00112233445566778899aabbccddeeff";
            e.ciClient = ciClient;
            e.ciCommitment = LedgerService.commitment(e.ciSalt, ciClient);
        }
        e.details = LedgerService.canonicalDetails(Map.of());
        e.previousHash = PREVIOUS;
        e.hash = LedgerService.sha256(LedgerService.canonicalForm(e));
        return e;
    }

    @Test
    void anEntryAsAppendedVerifies() {
        assertThat(LedgerService.check(entry(null), 8, PREVIOUS)).isNull();
        assertThat(LedgerService.check(entry("ci-alice"), 8, PREVIOUS)).isNull();
    }

    @Test
    void aGapInTheSequenceIsFound() {
        assertThat(LedgerService.check(entry(null), 7, PREVIOUS)).isEqualTo("entry 7 is missing: the chain jumps from 6 to 8");
    }

    @Test
    void aBrokenLinkIsFound() {
        assertThat(LedgerService.check(entry(null), 8, "2".repeat(64))).isEqualTo("its previous hash does not match the hash of entry 7");
    }

    @Test
    void anAlteredEntryIsFound() {
        var e = entry(null);
        e.atomName = "slow-router";
        assertThat(LedgerService.check(e, 8, PREVIOUS)).isEqualTo("its content does not match its hash (the entry was altered)");
    }

    @Test
    void aCiClientIsCheckedAgainstItsCommitmentAndMayBeForgotten() {
        var swapped = entry("ci-alice");
        swapped.ciClient = "ci-mallory";
        assertThat(LedgerService.check(swapped, 8, PREVIOUS)).isEqualTo("its CI client does not match the committed digest");
        var erased = entry("ci-alice");
        erased.ciClient = null;
        erased.ciSalt = null;
        assertThat(LedgerService.check(erased, 8, PREVIOUS)).as("an erasure forgets the client; the chain still verifies").isNull();
    }

    @Test
    void onlyAdminsSeeWhichAdminActed() {
        assertThat(LedgerService.view(entry(null), true).actor().adminSubject()).isEqualTo("sub-admin");
        var hidden = LedgerService.view(entry(null), false);
        assertThat(hidden.actor().adminSubject()).isNull();
        assertThat(hidden.actor().kind()).isEqualTo("ADMIN");
        assertThat(hidden.hash()).isEqualTo(entry(null).hash);
    }
}
