package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.plugin.atom.support.Fixtures.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
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

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class LedgerResourceTest {

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    static JsonPath verify() {
        return given().auth().oauth2(TestTokens.admin("sub-admin")).get("/api/atoms/ledger/verification").then().statusCode(200).extract().jsonPath();
    }

    @Nested
    class Admin {
        @Test
        void verifiesTheWholeChain() {
            var alice = Peers.contributor(peers, "alice");
            Fixtures.publish(alice, unique("ledgered"), "1.0.0", "[]");
            JsonPath v = verify();
            assertThat(v.getBoolean("valid")).isTrue();
            assertThat(v.getLong("entriesChecked")).isEqualTo(v.getLong("lastSeq")).isPositive();
            assertThat(v.getString("firstBroken")).isNull();
        }

        @Test
        void reportsTheFirstAlteredEntry() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("tampered");
            Fixtures.publish(alice, name, "1.0.0", "[]");
            verify(); // entries get their places shortly after the answer; a read of the ledger chains what is committed
            long seq = Db.count(ds, "SELECT min(seq) FROM ledger_entry WHERE atom_name = ?", name);
            // someone with database rights bypasses the append-only guard and rewrites history
            Db.execute(ds, "ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_guard_trg");
            try {
                Db.execute(ds, "UPDATE ledger_entry SET actor_contributor_id = ? WHERE seq = ?", java.util.UUID.randomUUID(), seq);
                JsonPath v = verify();
                assertThat(v.getBoolean("valid")).isFalse();
                assertThat(v.getLong("firstBroken.seq")).isEqualTo(seq);
                assertThat(v.getString("firstBroken.reason")).contains("altered");
                assertThat(v.getLong("entriesChecked")).isEqualTo(seq - 1);
            } finally {
                Db.execute(ds, "UPDATE ledger_entry e SET actor_contributor_id = ? WHERE seq = ?", alice.id(), seq);
                Db.execute(ds, "ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_guard_trg");
            }
            assertThat(verify().getBoolean("valid")).isTrue();
        }

        @Test
        void theDatabaseRefusesToRewriteOrDeleteEntries() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("guarded");
            Fixtures.publish(alice, name, "1.0.0", "[]");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Db.execute(ds, "UPDATE ledger_entry SET event = 'ATOM_REMOVED' WHERE atom_name = ?", name))
                    .hasMessageContaining("append-only");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Db.execute(ds, "DELETE FROM ledger_entry WHERE atom_name = ?", name))
                    .hasMessageContaining("append-only");
        }

        @Test
        void concurrentAppendsKeepOneUnbrokenChain() throws Exception {
            var alice = Peers.contributor(peers, "alice");
            String token = TestTokens.user(alice.subject());
            var pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String name = unique("conc");
                    calls.add(pool.submit(() -> Fixtures.put(token, name, "1.0.0", Fixtures.version("d", 'a', "[]")).then().extract().statusCode()));
                }
                for (var c : calls) {
                    assertThat(c.get()).isEqualTo(201);
                }
            } finally {
                pool.shutdown();
            }
            JsonPath v = verify();
            assertThat(v.getBoolean("valid")).isTrue();
            assertThat(Db.count(ds, "SELECT count(*) FROM ledger_entry")).isEqualTo(v.getLong("lastSeq"));
            assertThat(Db.count(ds, "SELECT count(DISTINCT previous_hash) FROM ledger_entry")).isEqualTo(v.getLong("lastSeq"));
        }

        @Test
        void listsAContributorsEntries() {
            var alice = Peers.contributor(peers, "alice");
            Fixtures.publish(alice, unique("listed"), "1.0.0", "[]");
            given().auth().oauth2(TestTokens.admin("sub-admin")).get("/api/atoms/ledger?contributor=" + alice.id()).then().statusCode(200)
                    .body("total", equalTo(2)).body("items[0].actor.contributorId", equalTo(alice.id().toString()));
            given().auth().oauth2(TestTokens.admin("sub-admin")).get("/api/atoms/ledger?contributor=nope").then().statusCode(400);
        }
    }

    @Nested
    class OtherPersonas {
        @Test
        void onlyAdminsVerifyOrListTheWholeLedger() {
            given().get("/api/atoms/ledger/verification").then().statusCode(401);
            given().auth().oauth2(TestTokens.user("u")).get("/api/atoms/ledger/verification").then().statusCode(403);
            given().auth().oauth2(TestTokens.ci("ci-alice", "alice")).get("/api/atoms/ledger/verification").then().statusCode(403);
            given().auth().oauth2(TestTokens.service("privacy-service")).get("/api/atoms/ledger/verification").then().statusCode(403);
            given().auth().oauth2(TestTokens.user("u")).get("/api/atoms/ledger").then().statusCode(403);
        }

        @Test
        void usersReadAnAtomsHistoryWithHashes() {
            var alice = Peers.contributor(peers, "alice");
            String name = unique("history");
            Fixtures.publish(alice, name, "1.0.0", "[]");
            var entries = given().auth().oauth2(TestTokens.user("u")).get("/api/atoms/" + name + "/ledger").then().statusCode(200)
                    .body("items[0].event", equalTo("ATOM_CREATED")).body("items[0].actor.kind", equalTo("CONTRIBUTOR"))
                    .body("items[0].actor.ciClient", nullValue()).body("items[1].details", containsString("contentDigest"))
                    .extract().jsonPath();
            assertThat(entries.getString("items[1].previousHash")).isEqualTo(entries.getString("items[0].hash"));
            given().auth().oauth2(TestTokens.user("u")).get("/api/atoms/" + unique("never") + "/ledger").then().statusCode(404);
        }
    }
}
