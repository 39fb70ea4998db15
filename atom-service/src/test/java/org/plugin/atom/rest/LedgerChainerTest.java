package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plugin.atom.support.Fixtures.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.plugin.atom.service.LedgerChainer;
import org.plugin.atom.support.Db;
import org.plugin.atom.support.Fixtures;
import org.plugin.atom.support.Peers;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Appends take no lock; the chainer gives committed entries their places and hashes. Concurrent
 * writers, with chainers running at the same time on their own connections (as two replicas' chainers
 * would: each pass takes the database's advisory lock, not a lock of this JVM), leave one chain:
 * places 1..n without a gap, no two entries after the same one (no fork), and it verifies.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class LedgerChainerTest {

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    @Inject
    LedgerChainer chainer;

    static JsonPath verify() {
        return given().auth().oauth2(TestTokens.admin("sub-admin")).get("/api/atoms/ledger/verification").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void concurrentWritersAndChainersLeaveOneChainWithoutGapOrFork() throws Exception {
        var alice = Peers.contributor(peers, "alice");
        String token = TestTokens.user(alice.subject());
        ExecutorService pool = Executors.newFixedThreadPool(10);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger chainedByOthers = new AtomicInteger();
        try {
            List<Future<?>> chainers = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                boolean wait = c % 2 == 0;
                chainers.add(pool.submit((Callable<Void>) () -> {
                    while (writing.get()) {
                        chainedByOthers.addAndGet(chainer.chainAll(wait));
                    }
                    return null;
                }));
            }
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String name = unique("chained");
                writes.add(pool.submit(() -> Fixtures.put(token, name, "1.0.0", Fixtures.version("d", 'a', "[]")).then().extract().statusCode()));
            }
            for (var w : writes) {
                assertThat(w.get()).isEqualTo(201);
            }
            writing.set(false);
            for (var c : chainers) {
                c.get();
            }
        } finally {
            writing.set(false);
            pool.shutdown();
        }
        JsonPath v = verify();
        assertThat(v.getBoolean("valid")).isTrue();
        long entries = Db.count(ds, "SELECT count(*) FROM ledger_entry");
        assertThat(Db.count(ds, "SELECT count(*) FROM ledger_entry WHERE seq < 0")).as("entries left unchained").isZero();
        assertThat(Db.count(ds, "SELECT min(seq) FROM ledger_entry")).isEqualTo(1);
        assertThat(Db.count(ds, "SELECT max(seq) FROM ledger_entry")).as("no gap").isEqualTo(entries).isEqualTo(v.getLong("lastSeq"));
        assertThat(Db.count(ds, "SELECT count(DISTINCT previous_hash) FROM ledger_entry")).as("no fork").isEqualTo(entries);
        assertThat(Db.count(ds, "SELECT count(*) FROM ledger_entry e JOIN ledger_entry p ON p.seq = e.seq - 1 WHERE e.previous_hash <> p.hash"))
                .as("every entry links to the one before it").isZero();
        assertThat(v.getLong("entriesChecked")).isEqualTo(entries);
    }

    @Test
    void anEntryIsChainedShortlyAfterItsRequestAnswersWithoutAnyRead() throws InterruptedException {
        var alice = Peers.contributor(peers, "alice");
        String name = unique("answered");
        Fixtures.publish(alice, name, "1.0.0", "[]");
        // the request asked for a pass and did not wait for it; nothing reads the ledger here
        long deadline = System.nanoTime() + 3_000_000_000L; // well under the 5 s background pass: the request's own pass did it
        long chained;
        while ((chained = Db.count(ds, "SELECT count(*) FROM ledger_entry WHERE atom_name = ? AND seq > 0 AND hash IS NOT NULL", name)) < 2
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(chained).isEqualTo(2);
        assertThat(Db.count(ds, "SELECT count(*) FROM ledger_entry WHERE atom_name = ? AND seq < 0", name)).isZero();
    }

    @Test
    void aReadOfTheLedgerShowsWhatWasCommittedBeforeIt() {
        var alice = Peers.contributor(peers, "alice");
        String name = unique("read");
        Fixtures.publish(alice, name, "1.0.0", "[]");
        var history = given().auth().oauth2(TestTokens.user("u")).get("/api/atoms/" + name + "/ledger").then().statusCode(200)
                .extract().jsonPath();
        assertThat(history.getList("items.event")).containsExactly("ATOM_CREATED", "VERSION_PUBLISHED");
        assertThat(history.getList("items.seq", Long.class)).allSatisfy(seq -> assertThat(seq).isPositive());
        assertThat(history.getList("items.hash")).doesNotContainNull();
    }

    @Test
    void aChainedEntryKeepsItsPlaceAndHashes() {
        var alice = Peers.contributor(peers, "alice");
        String name = unique("placed");
        Fixtures.publish(alice, name, "1.0.0", "[]");
        assertThatThrownBy(() -> Db.execute(ds, "UPDATE ledger_entry SET seq = seq + 1000000 WHERE atom_name = ?", name))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> Db.execute(ds, "UPDATE ledger_entry SET hash = repeat('1', 64) WHERE atom_name = ?", name))
                .hasMessageContaining("append-only");
        assertThat(verify().getBoolean("valid")).isTrue();
    }
}
