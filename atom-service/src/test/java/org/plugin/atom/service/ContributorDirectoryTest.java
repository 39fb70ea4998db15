package org.plugin.atom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.atom.support.AtomConfigs.config;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.plugin.atom.client.ContributorClient;
import org.plugin.atom.client.ContributorClient.ContributorNames;
import org.plugin.atom.client.ContributorClient.NamesRequest;
import org.plugin.atom.client.ContributorClient.NamesResponse;

/**
 * The names cache's refresh-ahead, against a contributor-service that counts its calls: a name past
 * its TTL is shown while the background refresh fetches it (one call for all such names), and
 * fetched during the page once it is older than TTL plus the stale window.
 */
class ContributorDirectoryTest {

    /**
     * contributor-service's names endpoint: answers the current last name of each id asked, records
     * each call. Handed to the directory as a dynamic proxy of the client interface: a test class
     * implementing it would be taken by Quarkus for a REST resource of the application.
     */
    static class CountingContributors {
        final List<List<UUID>> calls = new ArrayList<>();
        volatile String lastName = "Old";
        volatile boolean down;

        NamesResponse names(NamesRequest request) {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            calls.add(request.ids());
            return new NamesResponse(request.ids().stream().map(id -> new ContributorNames(id, "acct", "First", lastName, "ACTIVE", false)).toList());
        }

        ContributorClient client() {
            return (ContributorClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { ContributorClient.class },
                    (proxy, method, args) -> {
                        if (method.getName().equals("names")) {
                            return names((NamesRequest) args[0]);
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();

    @Test
    void aNamePastItsTtlIsShownWhileOneBackgroundCallRefreshesAllSuchNames() throws Exception {
        var peer = new CountingContributors();
        var directory = new ContributorDirectory(peer.client(), config(Duration.ofMillis(50), Duration.ofSeconds(30)));
        assertThat(directory.names(List.of(a, b))).hasSize(2);
        assertThat(peer.calls).hasSize(1);
        directory.refreshStale();
        assertThat(peer.calls).as("nothing is stale yet").hasSize(1);

        peer.lastName = "New";
        Thread.sleep(100);
        Map<UUID, ContributorDirectory.PublicName> stale = directory.names(List.of(a));
        assertThat(stale.get(a).lastName()).isEqualTo("Old");
        assertThat(directory.names(List.of(b)).get(b).lastName()).isEqualTo("Old");
        assertThat(peer.calls).as("pages did not wait for contributor-service").hasSize(1);

        directory.refreshStale();
        assertThat(peer.calls).hasSize(2);
        assertThat(peer.calls.get(1)).containsExactlyInAnyOrder(a, b);
        assertThat(directory.names(List.of(a, b)).values()).extracting(ContributorDirectory.PublicName::lastName).containsOnly("New");
        assertThat(peer.calls).hasSize(2);
        directory.refreshStale();
        assertThat(peer.calls).as("a refreshed name is not fetched again").hasSize(2);
    }

    @Test
    void aNameOlderThanTtlPlusTheStaleWindowIsFetchedDuringThePage() throws Exception {
        var peer = new CountingContributors();
        var directory = new ContributorDirectory(peer.client(), config(Duration.ofMillis(20), Duration.ofMillis(30)));
        directory.names(List.of(a));
        peer.lastName = "New";
        Thread.sleep(120);
        assertThat(directory.names(List.of(a)).get(a).lastName()).isEqualTo("New");
        assertThat(peer.calls).hasSize(2);
    }

    @Test
    void whenTheRefreshFailsTheStaleNameExpiresAndThePageGoesWithoutIt() throws Exception {
        var peer = new CountingContributors();
        var directory = new ContributorDirectory(peer.client(), config(Duration.ofMillis(20), Duration.ofMillis(100)));
        directory.names(List.of(a));
        Thread.sleep(40);
        assertThat(directory.names(List.of(a))).containsKey(a);
        peer.down = true;
        directory.refreshStale();
        Thread.sleep(120);
        assertThat(directory.names(List.of(a))).isEmpty();
    }

    @Test
    void aContributorNoLongerGivenIsNotShownFromTheCache() throws Exception {
        var peer = new CountingContributors() {
            @Override
            NamesResponse names(NamesRequest request) {
                calls.add(request.ids());
                return new NamesResponse(calls.size() == 1
                        ? List.of(new ContributorNames(a, "acct", "First", "Last", "ACTIVE", false))
                        : List.of());
            }
        };
        var directory = new ContributorDirectory(peer.client(), config(Duration.ofMillis(20), Duration.ofSeconds(30)));
        directory.names(List.of(a));
        Thread.sleep(40);
        assertThat(directory.names(List.of(a))).containsKey(a);
        directory.refreshStale();
        assertThat(directory.names(List.of(a))).as("fetched again during the page, and absent").isEmpty();
        assertThat(peer.calls).hasSize(3);
    }

    @Test
    void aFailedCallIsLoggedByItsKindNeverByTheUrlItCalled() {
        // what the REST client says of a timeout names the URL, whose query names the account asked for
        var timeout = new jakarta.ws.rs.ProcessingException(new RuntimeException(
                "The timeout period of 5000ms has been exceeded while executing GET /internal/contributors/resolve?accountName=zoe-martin"));
        assertThat(ContributorDirectory.kind(timeout)).isEqualTo("jakarta.ws.rs.ProcessingException caused by java.lang.RuntimeException")
                .doesNotContain("zoe-martin");
        assertThat(ContributorDirectory.kind(new IllegalStateException("subject=sub-zoe"))).isEqualTo("java.lang.IllegalStateException");
    }
}
