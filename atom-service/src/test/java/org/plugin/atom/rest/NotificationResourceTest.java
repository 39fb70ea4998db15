package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.plugin.atom.support.Fixtures.unique;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.atom.service.events.CatalogEvent;
import org.plugin.atom.service.events.WebhookNotices;
import org.plugin.atom.support.Db;
import org.plugin.atom.support.Fixtures;
import org.plugin.atom.support.Notifications;
import org.plugin.atom.support.Peers;
import org.plugin.atom.support.Peers.Contributor;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Events, subscriptions and in-app notifications (issue 16): who hears of which change, in order,
 * durably, once; the endpoints' allowed, 401, 403, 404 and 400 cases; exports and erasure.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class NotificationResourceTest {

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    @Inject
    WebhookNotices webhookNotices;

    static String user(Contributor c) {
        return TestTokens.user(c.subject());
    }

    /** An Atom of alice's, published at 1.0.0. */
    String atomOf(Contributor alice) {
        String atom = unique("evt");
        Fixtures.publish(alice, atom, "1.0.0", Fixtures.IN_OUT_HTTP);
        return atom;
    }

    String chainOf(Contributor owner, String atom, String version) {
        String chain = unique("chain");
        given().auth().oauth2(user(owner)).contentType(ContentType.JSON)
                .body("{\"name\":\"%s\",\"nodes\":[{\"key\":\"n\",\"atom\":\"%s\",\"version\":\"%s\"}],\"links\":[]}".formatted(chain, atom, version))
                .post("/api/chains").then().statusCode(201);
        return chain;
    }

    void subscribe(Contributor who, String atom, int status) {
        given().auth().oauth2(user(who)).put("/api/atoms/" + atom + "/subscription").then().statusCode(status).body("atom", equalTo(atom))
                .body("subscribedAt", notNullValue());
    }

    void publish(Contributor owner, String atom, String version) {
        Fixtures.put(user(owner), atom, version, Fixtures.version("Another " + version, 'b', Fixtures.IN_OUT_HTTP)).then().statusCode(201);
    }

    /** Waits until every event of the Atom is dispatched (so that an absent notification is proven absent). */
    void awaitDispatched(String atom) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Db.count(ds, "SELECT count(*) FROM catalog_event WHERE atom_name = ? AND dispatched_at IS NULL", atom) > 0) {
            assertThat(System.nanoTime()).as("events of " + atom + " dispatched within 10 s").isLessThan(until);
            Notifications.sleep(50);
        }
    }

    List<Map<String, Object>> about(Contributor who, String atom) {
        return Notifications.of(who.subject()).stream().filter(n -> atom.equals(n.get("atom"))).toList();
    }

    @Nested
    class WhoHearsWhat {
        @Test
        void aChainOwnerHearsThatAVersionTheirChainUsesWasDeprecatedWithoutSubscribing() {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            var carol = Peers.contributor(peers, "carol");
            String atom = atomOf(alice);
            String chain = chainOf(bob, atom, "1.0.0");
            given().auth().oauth2(user(alice)).post("/api/atoms/" + atom + "/versions/1.0.0/deprecation").then().statusCode(200);

            var n = Notifications.awaitNotification(bob.subject(), atom, "1.0.0");
            assertThat(n).containsEntry("type", CatalogEvent.VERSION_DEPRECATED).containsEntry("chains", List.of(chain))
                    .containsEntry("read", false).containsEntry("readAt", null).containsEntry("webhook", null);
            awaitDispatched(atom);
            assertThat(about(carol, atom)).as("neither a chain owner nor a subscriber").isEmpty();
            assertThat(about(alice, atom)).as("alice has no chain using it and does not follow it").isEmpty();
        }

        @Test
        void aSubscriberHearsOfNewVersionsUntilTheyUnsubscribe() {
            var alice = Peers.contributor(peers, "alice");
            var carol = Peers.contributor(peers, "carol");
            String atom = atomOf(alice);
            subscribe(carol, atom, 201);
            subscribe(carol, atom, 200);
            given().auth().oauth2(user(carol)).get("/api/atoms/" + atom + "/subscription").then().statusCode(200).body("atom", equalTo(atom));
            assertThat(Db.count(ds, "SELECT count(*) FROM atom_subscription WHERE atom_name = ?", atom)).isEqualTo(1);

            publish(alice, atom, "1.1.0");
            var n = Notifications.awaitNotification(carol.subject(), atom, "1.1.0");
            assertThat(n).containsEntry("type", CatalogEvent.VERSION_PUBLISHED).containsEntry("chains", List.of());

            given().auth().oauth2(user(carol)).delete("/api/atoms/" + atom + "/subscription").then().statusCode(204);
            given().auth().oauth2(user(carol)).delete("/api/atoms/" + atom + "/subscription").then().statusCode(204);
            given().auth().oauth2(user(carol)).get("/api/atoms/" + atom + "/subscription").then().statusCode(404)
                    .contentType("application/problem+json");
            publish(alice, atom, "1.2.0");
            awaitDispatched(atom);
            assertThat(about(carol, atom)).extracting(m -> m.get("version")).containsExactly("1.1.0");
        }

        @Test
        void aDraftIsNoNewsAndARepeatedPublicationIsNone() {
            var alice = Peers.contributor(peers, "alice");
            var carol = Peers.contributor(peers, "carol");
            String atom = atomOf(alice);
            subscribe(carol, atom, 201);
            Fixtures.put(user(alice), atom, "2.0.0", Fixtures.version("draft", 'd', Fixtures.IN_OUT_HTTP).replaceFirst("\\{", "{\"state\":\"DRAFT\","))
                    .then().statusCode(201);
            Fixtures.put(user(alice), atom, "1.0.0", Fixtures.version("A test Atom " + atom, 'a', Fixtures.IN_OUT_HTTP)).then().statusCode(200);
            awaitDispatched(atom);
            assertThat(about(carol, atom)).isEmpty();
            assertThat(Db.count(ds, "SELECT count(*) FROM catalog_event WHERE atom_name = ?", atom)).as("only 1.0.0's publication").isEqualTo(1);
        }

        @Test
        void deprecationOwnerChangeAndTombstoneReachChainOwnersAndSubscribersInOrder() {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            var carol = Peers.contributor(peers, "carol");
            var dave = Peers.contributor(peers, "dave");
            String atom = atomOf(alice);
            String chain = chainOf(bob, atom, "1.0.0");
            subscribe(carol, atom, 201);
            given().auth().oauth2(user(alice)).post("/api/atoms/" + atom + "/deprecation").then().statusCode(200);
            given().auth().oauth2(TestTokens.admin("admin-1")).contentType(ContentType.JSON).body(Map.of("accountName", dave.accountName()))
                    .put("/api/atoms/" + atom + "/owner").then().statusCode(200);
            given().auth().oauth2(user(dave)).delete("/api/atoms/" + atom).then().statusCode(200).body("outcome", equalTo("TOMBSTONED"));
            awaitDispatched(atom);

            List<String> types = List.of(CatalogEvent.ATOM_TOMBSTONED, CatalogEvent.OWNER_CHANGED, CatalogEvent.ATOM_DEPRECATED);
            assertThat(about(bob, atom)).extracting(m -> m.get("type")).containsExactlyElementsOf(types);
            assertThat(about(bob, atom)).extracting(m -> m.get("chains")).containsOnly(List.of(chain));
            assertThat(about(carol, atom)).extracting(m -> m.get("type")).containsExactlyElementsOf(types);
            assertThat(about(carol, atom)).extracting(m -> m.get("version")).containsOnlyNulls();
            // dispatched in the order they were recorded
            List<Long> dispatchOrder = Db.longs(ds, "SELECT id FROM catalog_event WHERE atom_name = ? ORDER BY dispatched_at, id", atom);
            assertThat(dispatchOrder).isSorted();
        }

        @Test
        void aRemovedAtomsSubscribersHearOfItAndTheirSubscriptionGoes() {
            var alice = Peers.contributor(peers, "alice");
            var carol = Peers.contributor(peers, "carol");
            String atom = atomOf(alice);
            subscribe(carol, atom, 201);
            given().auth().oauth2(user(alice)).delete("/api/atoms/" + atom).then().statusCode(200).body("outcome", equalTo("REMOVED"));
            var n = Notifications.awaitNotification(carol.subject(), atom, null, CatalogEvent.ATOM_REMOVED);
            assertThat(n).containsEntry("chains", List.of());
            awaitDispatched(atom);
            assertThat(Db.count(ds, "SELECT count(*) FROM atom_subscription WHERE atom_name = ?", atom)).isZero();
            // the name is free again: a new Atom under it starts with no subscribers
            given().auth().oauth2(user(carol)).delete("/api/atoms/" + atom + "/subscription").then().statusCode(404);
        }

        @Test
        void aRefusedChangeRecordsNoEvent() {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            String atom = atomOf(alice);
            given().auth().oauth2(user(bob)).post("/api/atoms/" + atom + "/versions/1.0.0/deprecation").then().statusCode(403);
            given().auth().oauth2(user(bob)).post("/api/atoms/" + atom + "/deprecation").then().statusCode(403);
            Fixtures.put(user(alice), atom, "1.0.0", Fixtures.version("other content", 'c', Fixtures.IN_OUT_HTTP)).then().statusCode(409);
            assertThat(Db.count(ds, "SELECT count(*) FROM catalog_event WHERE atom_name = ?", atom)).as("only the first publication")
                    .isEqualTo(1);
        }
    }

    @Nested
    class Durability {
        @Test
        void aFailedDispatchIsRetriedAndHoldsBackTheLaterEventsOfItsAtomOnly() {
            var alice = Peers.contributor(peers, "alice");
            var carol = Peers.contributor(peers, "carol");
            String atom = atomOf(alice);
            String other = atomOf(alice);
            subscribe(carol, atom, 201);
            subscribe(carol, other, 201);
            awaitDispatched(atom);
            Db.execute(ds, """
                    CREATE OR REPLACE FUNCTION test_refuse_notification() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.atom_name = '%s' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$""".formatted(atom));
            Db.execute(ds, "CREATE TRIGGER test_refuse_notification BEFORE INSERT ON notification FOR EACH ROW EXECUTE FUNCTION test_refuse_notification()");
            try {
                publish(alice, atom, "1.1.0");
                publish(alice, atom, "1.2.0");
                publish(alice, other, "1.1.0");
                Notifications.awaitNotification(carol.subject(), other, "1.1.0");
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (Db.count(ds, "SELECT count(*) FROM catalog_event WHERE atom_name = ? AND version = '1.1.0' AND attempts > 0", atom) == 0) {
                    assertThat(System.nanoTime()).isLessThan(until);
                    Notifications.sleep(50);
                }
                assertThat(Db.count(ds, "SELECT count(*) FROM catalog_event WHERE atom_name = ? AND last_error IS NOT NULL "
                        + "AND dispatched_at IS NULL", atom)).isEqualTo(1);
                assertThat(Db.count(ds, "SELECT count(*) FROM catalog_event WHERE atom_name = ? AND version = '1.2.0' AND attempts = 0 "
                        + "AND dispatched_at IS NULL", atom)).as("held back behind 1.1.0").isEqualTo(1);
                assertThat(about(carol, atom)).isEmpty();
            } finally {
                Db.execute(ds, "DROP TRIGGER test_refuse_notification ON notification");
                Db.execute(ds, "DROP FUNCTION test_refuse_notification()");
            }
            Db.execute(ds, "UPDATE catalog_event SET due_at = NULL WHERE atom_name = ?", atom);
            Notifications.awaitNotification(carol.subject(), atom, "1.2.0");
            awaitDispatched(atom);
            assertThat(about(carol, atom)).extracting(m -> m.get("version")).containsExactly("1.2.0", "1.1.0");
        }

        @Test
        void oneDispatcherAtATime() {
            var alice = Peers.contributor(peers, "alice");
            var carol = Peers.contributor(peers, "carol");
            String atom = atomOf(alice);
            subscribe(carol, atom, 201);
            awaitDispatched(atom);
            try (var held = Db.advisoryLock(ds, 0x16A_E7E7L)) {
                publish(alice, atom, "1.1.0");
                Notifications.sleep(1500);
                assertThat(Db.count(ds, "SELECT count(*) FROM catalog_event WHERE atom_name = ? AND dispatched_at IS NULL", atom))
                        .as("another dispatcher holds the lock").isEqualTo(1);
            }
            Notifications.awaitNotification(carol.subject(), atom, "1.1.0");
            assertThat(Db.count(ds, "SELECT count(*) FROM notification n JOIN catalog_event e ON e.id = n.event_id WHERE e.atom_name = ?", atom))
                    .as("once").isEqualTo(1);
        }
    }

    @Nested
    class TheList {
        @Test
        void unreadFirstThenNewestMarkedReadOneAndAll() {
            var alice = Peers.contributor(peers, "alice");
            var carol = Peers.contributor(peers, "carol");
            String atom = atomOf(alice);
            subscribe(carol, atom, 201);
            publish(alice, atom, "1.1.0");
            publish(alice, atom, "1.2.0");
            publish(alice, atom, "1.3.0");
            Notifications.awaitNotification(carol.subject(), atom, "1.3.0");
            assertThat(about(carol, atom)).extracting(m -> m.get("version")).containsExactly("1.3.0", "1.2.0", "1.1.0");

            String oldest = (String) about(carol, atom).get(2).get("id");
            given().auth().oauth2(user(carol)).put("/api/notifications/" + oldest + "/read").then().statusCode(200)
                    .body("read", equalTo(true)).body("readAt", notNullValue());
            String unread = given().auth().oauth2(user(carol)).get("/api/notifications?limit=1").then().statusCode(200)
                    .body("total", equalTo(3)).body("limit", equalTo(1)).body("nextOffset", equalTo(1)).extract().path("items[0].version");
            assertThat(unread).isEqualTo("1.3.0");
            given().auth().oauth2(user(carol)).get("/api/notifications?unread=true").then().statusCode(200).body("total", equalTo(2))
                    .body("items.version", equalTo(List.of("1.3.0", "1.2.0")));
            // read ones after every unread one, however new
            given().auth().oauth2(user(carol)).put("/api/notifications/" + about(carol, atom).get(0).get("id") + "/read").then().statusCode(200);
            assertThat(about(carol, atom)).extracting(m -> m.get("version")).containsExactly("1.2.0", "1.3.0", "1.1.0");

            given().auth().oauth2(user(carol)).put("/api/notifications/read").then().statusCode(200).body("marked", equalTo(1));
            given().auth().oauth2(user(carol)).put("/api/notifications/read").then().statusCode(200).body("marked", equalTo(0));
            given().auth().oauth2(user(carol)).get("/api/notifications?unread=true").then().statusCode(200).body("total", equalTo(0));
        }

        @Test
        void aDisabledWebhookIsNoticedToItsOwner() {
            var carol = Peers.contributor(peers, "carol");
            UUID webhook = UUID.randomUUID();
            webhookNotices.webhookDisabled(carol.id(), webhook, "https://ci.example.org/hook", "HTTP 500 for 24 hours");
            var n = Notifications.of(carol.subject()).stream().filter(m -> m.get("webhook") != null).findFirst().orElseThrow();
            assertThat(n).containsEntry("type", "org.plugin.webhook.disabled").containsEntry("atom", null).containsEntry("chains", List.of())
                    .containsEntry("webhook", Map.of("id", webhook.toString(), "url", "https://ci.example.org/hook", "reason",
                            "HTTP 500 for 24 hours"));
        }
    }

    @Nested
    class Refusals {
        @Test
        void withoutATokenEveryEndpointIs401() {
            given().get("/api/notifications").then().statusCode(401);
            given().put("/api/notifications/read").then().statusCode(401);
            given().put("/api/notifications/" + UUID.randomUUID() + "/read").then().statusCode(401);
            given().put("/api/atoms/any/subscription").then().statusCode(401);
            given().get("/api/atoms/any/subscription").then().statusCode(401);
            given().delete("/api/atoms/any/subscription").then().statusCode(401);
        }

        @Test
        void aUserWhoIsNoContributorIs403LikeForAChain() {
            var alice = Peers.contributor(peers, "alice");
            String atom = atomOf(alice);
            String stranger = TestTokens.user("not-a-contributor-" + UUID.randomUUID());
            given().auth().oauth2(stranger).put("/api/atoms/" + atom + "/subscription").then().statusCode(403)
                    .contentType("application/problem+json");
            given().auth().oauth2(stranger).get("/api/notifications").then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(stranger).put("/api/notifications/read").then().statusCode(403);
            assertThat(Db.count(ds, "SELECT count(*) FROM atom_subscription WHERE atom_name = ?", atom)).isZero();
        }

        @Test
        void aCiTokenMaySubscribeForItsContributorButHasNoInbox() {
            var alice = Peers.contributor(peers, "alice");
            var bob = Peers.contributor(peers, "bob");
            String atom = atomOf(alice);
            String ci = TestTokens.ci("ci-bob", bob.accountName());
            given().auth().oauth2(ci).put("/api/atoms/" + atom + "/subscription").then().statusCode(201);
            given().auth().oauth2(user(bob)).get("/api/atoms/" + atom + "/subscription").then().statusCode(200);
            given().auth().oauth2(ci).get("/api/notifications").then().statusCode(403);
            given().auth().oauth2(TestTokens.service("privacy-service")).get("/api/notifications").then().statusCode(403);
        }

        @Test
        void anothersOrAnUnknownNotificationIs404() {
            var alice = Peers.contributor(peers, "alice");
            var carol = Peers.contributor(peers, "carol");
            var bob = Peers.contributor(peers, "bob");
            String atom = atomOf(alice);
            subscribe(carol, atom, 201);
            publish(alice, atom, "1.1.0");
            String id = (String) Notifications.awaitNotification(carol.subject(), atom, "1.1.0").get("id");
            given().auth().oauth2(user(bob)).put("/api/notifications/" + id + "/read").then().statusCode(404)
                    .contentType("application/problem+json");
            assertThat(about(carol, atom).get(0)).containsEntry("read", false);
            given().auth().oauth2(user(carol)).put("/api/notifications/" + UUID.randomUUID() + "/read").then().statusCode(404);
            given().auth().oauth2(user(carol)).put("/api/notifications/not-an-id/read").then().statusCode(404)
                    .contentType("application/problem+json");
        }

        @Test
        void unknownOrRemovedAtomsAndBadInput() {
            var alice = Peers.contributor(peers, "alice");
            var carol = Peers.contributor(peers, "carol");
            given().auth().oauth2(user(carol)).put("/api/atoms/" + unique("nothing") + "/subscription").then().statusCode(404)
                    .contentType("application/problem+json");
            given().auth().oauth2(user(carol)).put("/api/atoms/NOT%20A%20SLUG/subscription").then().statusCode(404);
            given().auth().oauth2(user(carol)).delete("/api/atoms/" + unique("nothing") + "/subscription").then().statusCode(404);
            String atom = atomOf(alice);
            chainOf(alice, atom, "1.0.0");
            given().auth().oauth2(user(alice)).delete("/api/atoms/" + atom).then().statusCode(200).body("outcome", equalTo("TOMBSTONED"));
            given().auth().oauth2(user(carol)).put("/api/atoms/" + atom + "/subscription").then().statusCode(404);
            given().auth().oauth2(user(carol)).get("/api/notifications?unread=maybe").then().statusCode(400)
                    .contentType("application/problem+json");
            given().auth().oauth2(user(carol)).get("/api/notifications?limit=0").then().statusCode(400);
            given().auth().oauth2(user(carol)).contentType(ContentType.JSON).body("{\"x\":").put("/api/atoms/" + atom + "/subscription")
                    .then().statusCode(not(equalTo(500)));
        }
    }

    @Nested
    class PersonalData {
        static final String SERVICE = TestTokens.service("privacy-service");

        @Test
        void exportedAndErasedWithTheAccount() {
            var alice = Peers.contributor(peers, "alice");
            var carol = Peers.contributor(peers, "carol");
            String atom = atomOf(alice);
            String chain = chainOf(carol, atom, "1.0.0");
            subscribe(carol, atom, 201);
            given().auth().oauth2(user(alice)).post("/api/atoms/" + atom + "/versions/1.0.0/deprecation").then().statusCode(200);
            Notifications.awaitNotification(carol.subject(), atom, "1.0.0");

            given().auth().oauth2(SERVICE).get("/internal/atoms/contributors/" + carol.id() + "/personal-data").then().statusCode(200)
                    .body("subscriptions.atom", hasItem(atom))
                    .body("notifications.find { it.atom == '" + atom + "' }.chains", equalTo(List.of(chain)))
                    .body("notifications.find { it.atom == '" + atom + "' }.type", equalTo(CatalogEvent.VERSION_DEPRECATED));

            given().auth().oauth2(SERVICE).post("/internal/atoms/contributors/" + carol.id() + "/erasure").then().statusCode(200);
            assertThat(Db.count(ds, "SELECT count(*) FROM atom_subscription WHERE contributor_id = ?", carol.id())).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM notification WHERE recipient_id = ?", carol.id())).isZero();
            given().auth().oauth2(SERVICE).get("/internal/atoms/contributors/" + carol.id() + "/personal-data").then().statusCode(200)
                    .body("subscriptions", equalTo(List.of())).body("notifications", equalTo(List.of())).body("erasure", notNullValue());
            // their chain is no one's now: a later change of the Atom tells no one about it
            given().auth().oauth2(user(alice)).post("/api/atoms/" + atom + "/deprecation").then().statusCode(200);
            awaitDispatched(atom);
            assertThat(Db.count(ds, "SELECT count(*) FROM notification WHERE recipient_id = ?", carol.id())).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM notification WHERE atom_name = ? AND type = ?", atom, CatalogEvent.ATOM_DEPRECATED))
                    .isZero();
        }

        @Test
        void eventsCarryIdsAndNamesOnly() {
            var columns = Db.strings(ds, "SELECT column_name FROM information_schema.columns WHERE table_name = 'catalog_event' ORDER BY ordinal_position");
            assertThat(columns).containsExactly("id", "type", "atom_id", "atom_name", "version", "occurred_at", "dispatched_at", "attempts",
                    "due_at", "last_error");
        }
    }
}
