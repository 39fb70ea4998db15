package org.plugin.atom.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.plugin.atom.client.ContributorClient;
import org.plugin.atom.client.ContributorClient.ContributorNames;
import org.plugin.atom.client.ContributorClient.NamesRequest;
import org.plugin.atom.client.ContributorClient.Refused;
import org.plugin.atom.client.ContributorClient.ResolvedContributor;
import org.plugin.atom.config.AtomConfig;
import org.plugin.common.error.DomainException;

import io.quarkus.scheduler.Scheduled;

/**
 * Everything this service asks contributor-service: who a caller is, and the public names shown
 * next to Atoms. Names are fetched in one batched call per page and reused for a few seconds (so a
 * rectification shows within seconds). A name past its TTL that pages still ask for is shown a
 * little longer while one background call a second refreshes every such name together: a busy
 * catalog with many owners then costs contributor-service a call a second, not one per page. When
 * contributor-service does not answer, pages are served without names rather than failing, and
 * calls pause briefly so a down peer does not slow every page.
 */
@ApplicationScoped
public class ContributorDirectory {

    private static final Logger LOG = Logger.getLogger(ContributorDirectory.class);
    /** contributor-service accepts at most this many ids per call. */
    static final int MAX_IDS_PER_CALL = 200;

    /** What a page shows of a contributor; names may be null (restricted, deactivated, erased, or unknown). */
    public record PublicName(UUID id, String accountName, String firstName, String lastName) {
        static PublicName from(ContributorNames n) {
            return new PublicName(n.id(), n.accountName(), n.firstName(), n.lastName());
        }
    }

    private record Cached(PublicName name, long expiresAtNanos) {
    }

    private final ContributorClient client;
    private final AtomConfig config;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    /** Names shown past their TTL, to be fetched again by {@link #refreshStale()}. */
    private final Set<UUID> stale = ConcurrentHashMap.newKeySet();
    private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());

    ContributorDirectory(@RestClient ContributorClient client, AtomConfig config) {
        this.client = client;
        this.config = config;
    }

    /** The contributor registered by this token subject; empty if none. Unavailable (503) if contributor-service does not answer. */
    public Optional<ResolvedContributor> bySubject(String subject) {
        return resolve(() -> client.resolveBySubject(subject));
    }

    /** The contributor of this account name (CI claim); empty if none. 503 if contributor-service does not answer. */
    public Optional<ResolvedContributor> byAccountName(String accountName) {
        return resolve(() -> client.resolveByAccountName(accountName));
    }

    private Optional<ResolvedContributor> resolve(Supplier<ResolvedContributor> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (Refused e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            LOG.warnf("contributor-service answered %s to a resolve call", e.status());
            throw DomainException.unavailable("The contributor directory cannot tell who you are right now; nothing was changed, try again later");
        } catch (RuntimeException e) {
            LOG.warnf("contributor-service unreachable for a resolve call: %s", kind(e));
            throw DomainException.unavailable("The contributor directory cannot tell who you are right now; nothing was changed, try again later");
        }
    }

    /**
     * Public names of these contributors: cached ones (those a little past their TTL too, queued for
     * the background refresh), and the others with at most one call per 200 ids (a page never has
     * more). Ids contributor-service does not know, or cannot give now, are absent.
     */
    public Map<UUID, PublicName> names(Collection<UUID> ids) {
        Map<UUID, PublicName> found = new HashMap<>();
        Set<UUID> missing = new LinkedHashSet<>();
        long now = System.nanoTime();
        long staleNanos = config.names().serveStaleFor().toNanos();
        for (UUID id : ids) {
            if (id == null) {
                continue;
            }
            Cached cached = cache.get(id);
            if (cached != null && cached.expiresAtNanos - now > 0) {
                found.put(id, cached.name);
            } else if (cached != null && cached.expiresAtNanos + staleNanos - now > 0) {
                found.put(id, cached.name);
                stale.add(id);
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty() || pausedUntilNanos.get() - now > 0) {
            return found;
        }
        fetchAll(missing, found);
        return found;
    }

    /**
     * Fetches again, in calls of up to 200 ids, the names shown past their TTL since the last run.
     * Names it cannot refresh (contributor-service down) expire, and pages go without them.
     */
    @Scheduled(every = "${plugin.atom.names.refresh-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refreshStale() {
        if (stale.isEmpty() || pausedUntilNanos.get() - System.nanoTime() > 0) {
            return;
        }
        List<UUID> due = new ArrayList<>(stale);
        stale.removeAll(due);
        fetchAll(due, new HashMap<>());
    }

    private void fetchAll(Collection<UUID> ids, Map<UUID, PublicName> found) {
        List<UUID> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += MAX_IDS_PER_CALL) {
            List<UUID> batch = all.subList(from, Math.min(all.size(), from + MAX_IDS_PER_CALL));
            if (!fetch(batch, found)) {
                break;
            }
        }
    }

    private boolean fetch(List<UUID> batch, Map<UUID, PublicName> found) {
        try {
            var answer = client.names(new NamesRequest(List.copyOf(batch)));
            long expires = System.nanoTime() + config.names().cacheTtl().toNanos();
            if (cache.size() > config.names().cacheSize()) {
                evictExpired();
            }
            Set<UUID> asked = new HashSet<>(batch);
            if (answer != null && answer.contributors() != null) {
                for (ContributorNames n : answer.contributors()) {
                    if (n != null && n.id() != null && asked.remove(n.id())) {
                        PublicName name = PublicName.from(n);
                        found.put(n.id(), name);
                        if (!config.names().cacheTtl().isZero()) {
                            cache.put(n.id(), new Cached(name, expires));
                        }
                    }
                }
            }
            // ids it no longer gives (unknown now) are not shown from the cache any more
            asked.forEach(cache::remove);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("contributor-service did not give names, serving the page without them: %s", kind(e));
            pausedUntilNanos.set(System.nanoTime() + config.names().pauseAfterFailure().toNanos());
            return false;
        }
    }

    /**
     * A failure by its exception types only: an HTTP client's message can name the URL it called, and a
     * resolve call's query names the subject or account name asked for (logs hold no personal data).
     */
    static String kind(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getName() : e.getClass().getName() + " caused by " + root.getClass().getName();
    }

    private void evictExpired() {
        long now = System.nanoTime();
        long staleNanos = config.names().serveStaleFor().toNanos();
        cache.values().removeIf(c -> c.expiresAtNanos + staleNanos - now <= 0);
        if (cache.size() > config.names().cacheSize()) {
            cache.clear();
        }
    }

    /** Forgets a contributor's cached names (after an erasure or a restriction change here). */
    public void forget(UUID id) {
        cache.remove(id);
        stale.remove(id);
    }
}
