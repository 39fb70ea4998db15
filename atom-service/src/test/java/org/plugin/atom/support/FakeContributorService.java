package org.plugin.atom.support;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.plugin.atom.client.ContributorClient;
import org.plugin.atom.client.ContributorClient.ContributorNames;
import org.plugin.atom.client.ContributorClient.NamesRequest;
import org.plugin.atom.client.ContributorClient.NamesResponse;
import org.plugin.atom.client.ContributorClient.Refused;
import org.plugin.atom.client.ContributorClient.ResolvedContributor;

/**
 * contributor-service in memory, for the fast tier: contributors registered here are resolved by
 * subject and by account name, an unknown one is refused with 404 as the real client reports it, and
 * while {@link #down} every call fails as an unreachable peer does. Counts the resolve calls.
 */
public class FakeContributorService {

    /** A contributor as contributor-service knows them. */
    public record Known(UUID id, String subject, String accountName, String status) {
    }

    private final Map<String, Known> bySubject = new ConcurrentHashMap<>();
    private final Map<String, Known> byAccount = new ConcurrentHashMap<>();
    public final List<String> resolveCalls = new ArrayList<>();
    public volatile boolean down;

    /** Registers a contributor of this status (ACTIVE, DEACTIVATED...) with a subject and account name derived from {@code name}. */
    public Known register(String name, String status) {
        var known = new Known(UUID.randomUUID(), "sub-" + name, name, status);
        bySubject.put(known.subject(), known);
        byAccount.put(known.accountName(), known);
        return known;
    }

    public Known register(String name) {
        return register(name, "ACTIVE");
    }

    /**
     * The REST client interface answered from memory. A dynamic proxy: a test class implementing the
     * interface would be taken by Quarkus for a REST resource of the application.
     */
    public ContributorClient client() {
        return (ContributorClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { ContributorClient.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "resolveBySubject" -> resolve(bySubject.get((String) args[0]));
                    case "resolveByAccountName" -> resolve(byAccount.get((String) args[0]));
                    case "names" -> names((NamesRequest) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private ResolvedContributor resolve(Known known) {
        resolveCalls.add(known == null ? "?" : known.accountName());
        unlessDown();
        if (known == null) {
            throw new Refused(404);
        }
        return new ResolvedContributor(known.id(), known.accountName(), known.status(), false);
    }

    private NamesResponse names(NamesRequest request) {
        unlessDown();
        return new NamesResponse(bySubject.values().stream().filter(k -> request.ids().contains(k.id()))
                .map(k -> new ContributorNames(k.id(), k.accountName(), null, null, k.status(), false)).toList());
    }

    private void unlessDown() {
        if (down) {
            throw new IllegalStateException("connection refused");
        }
    }
}
