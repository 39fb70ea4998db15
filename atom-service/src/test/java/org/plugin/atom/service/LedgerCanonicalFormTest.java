package org.plugin.atom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.plugin.atom.repository.LedgerEntry;

class LedgerCanonicalFormTest {

    static LedgerEntry entry() {
        var e = new LedgerEntry();
        e.seq = 7;
        e.id = UUID.fromString("00000000-0000-0000-0000-000000000007");
        e.recordedAt = Instant.parse("2026-11-26T10:15:30.123456789Z");
        e.event = LedgerEntry.Event.VERSION_PUBLISHED;
        e.atomName = "fast-router";
        e.atomVersion = "1.0.0";
        e.actorKind = LedgerEntry.ActorKind.CI;
        e.actorContributorId = UUID.fromString("00000000-0000-0000-0000-000000000001");
        e.ciCommitment = LedgerService.commitment("00112233445566778899aabbccddeeff", "ci-alice");
        e.details = LedgerService.canonicalDetails(Map.of("b", 2, "a", "x\"y"));
        e.previousHash = LedgerService.GENESIS;
        return e;
    }

    @Test
    void isStableEscapedAndToTheMicrosecond() {
        String form = LedgerService.canonicalForm(entry());
        assertThat(form).startsWith("{\"seq\":7,\"id\":\"00000000-0000-0000-0000-000000000007\",\"recordedAt\":\"2026-11-26T10:15:30.123456Z\"")
                .contains("\"details\":\"{\\\"a\\\":\\\"x\\\\\\\"y\\\",\\\"b\\\":\\\"2\\\"}\"");
        assertThat(LedgerService.canonicalForm(entry())).isEqualTo(form);
    }

    @Test
    void everyFieldChangesTheHash() {
        String base = LedgerService.sha256(LedgerService.canonicalForm(entry()));
        var e = entry();
        e.atomVersion = "1.0.1";
        assertThat(LedgerService.sha256(LedgerService.canonicalForm(e))).isNotEqualTo(base);
        e = entry();
        e.previousHash = "1".repeat(64);
        assertThat(LedgerService.sha256(LedgerService.canonicalForm(e))).isNotEqualTo(base);
        e = entry();
        e.ciCommitment = LedgerService.commitment("00112233445566778899aabbccddeeff", "ci-bob");
        assertThat(LedgerService.sha256(LedgerService.canonicalForm(e))).isNotEqualTo(base);
    }

    @Test
    void nullDetailsAreKept() {
        Map<String, Object> details = new HashMap<>();
        details.put("to", null);
        assertThat(LedgerService.canonicalDetails(details)).isEqualTo("{\"to\":null}");
    }
}
