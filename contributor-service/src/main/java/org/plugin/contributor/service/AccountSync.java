package org.plugin.contributor.service;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.plugin.common.time.Backoff;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.work.LeaseSettings;
import org.plugin.common.work.LeasedWorkLoop;
import org.plugin.common.work.Outcome;
import org.plugin.contributor.client.AtomClient;
import org.plugin.contributor.client.IdentityProviderClient;
import org.plugin.contributor.client.PeerRefusedException;
import org.plugin.contributor.config.OutboxConfig;
import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.Contributor.Status;
import org.plugin.contributor.repository.ContributorRepository;
import org.plugin.contributor.repository.SyncOutbox;
import org.plugin.contributor.repository.SyncOutbox.Target;
import org.plugin.contributor.repository.SyncOutboxRepository;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the holders outside this service in step with a contributor (see {@link SyncOutbox}):
 * <ul>
 * <li>the identity provider's account gets the email and names this service holds (one truth: they are
 * rectified here and written through), is enabled while the contributor is ACTIVE, and once they are
 * deactivated is disabled with every session ended, so that no new token is issued to them;</li>
 * <li>atom-service gets the restriction flag, whoever set it (an admin, or privacy-service for a
 * RESTRICTION request): one path for one decision.</li>
 * </ul>
 * A change marks the row pending in its own transaction; the request that made it then pushes it at
 * once ({@link #pushNow}), and a scheduled sender takes whatever is still pending (the target was down)
 * with exponential backoff. Rows go through common's {@link LeasedWorkLoop} (claimed under
 * {@code FOR UPDATE SKIP LOCKED} with a lease renewed while the sender lives, sent with no transaction
 * or lock held, settled afterwards; the queue's SQL is {@link SyncOutboxRepository}'s); the state sent is read when sending, so
 * the last send of a row always carries the latest state, and every call is idempotent.
 */
@ApplicationScoped
public class AccountSync {

    private static final Logger LOG = Logger.getLogger(AccountSync.class);

    private final SyncOutboxRepository outbox;
    private final ContributorRepository contributors;
    private final IdentityProviderClient identityProvider;
    private final AtomClient atoms;
    private final PlatformClock clock;
    private final OutboxConfig config;
    private final Map<Target, AtomicLong> pending = new EnumMap<>(Target.class);
    private final LeasedWorkLoop<SyncOutbox> loop;

    AccountSync(SyncOutboxRepository outbox, ContributorRepository contributors, @RestClient IdentityProviderClient identityProvider,
            @RestClient AtomClient atoms, PlatformClock clock, OutboxConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.contributors = contributors;
        this.identityProvider = identityProvider;
        this.atoms = atoms;
        this.clock = clock;
        this.config = config;
        // one row per claim, as the deactivation outbox: each send may take up to the call timeout
        this.loop = new LeasedWorkLoop<>("sync-outbox", outbox, this::send,
                new LeaseSettings(1, config.lease(), config.heartbeat(), new Backoff(config.initialBackoff(), config.maxBackoff())),
                clock::now, LeasedWorkLoop.Transactions.quarkus(), registry);
        for (Target target : Target.values()) {
            AtomicLong count = new AtomicLong();
            pending.put(target, count);
            Gauge.builder("plugin.outbox.pending", count, AtomicLong::get)
                    .description("Changes of contributors not yet confirmed by the holder they must reach")
                    .tag("event", eventTag(target)).register(registry);
        }
    }

    static String eventTag(Target target) {
        return target == Target.IDENTITY_PROVIDER ? "identity-provider" : "atom-service";
    }

    /** What the holders are given, read when sending. */
    record State(UUID id, String subject, Status status, String email, String firstName, String lastName, boolean restricted) {
        static State of(Contributor c) {
            return new State(c.id, c.subject, c.status, c.email, c.firstName, c.lastName, c.restricted);
        }
    }

    // --- marking, in the caller's transaction ---

    /** The contributor's email, names or status changed: the identity provider's account must follow. */
    public void accountChanged(UUID contributorId) {
        mark(contributorId, Target.IDENTITY_PROVIDER);
    }

    /** The contributor's restriction was set or lifted: atom-service must follow. */
    public void restrictionChanged(UUID contributorId) {
        mark(contributorId, Target.ATOM_SERVICE);
    }

    /** Left to the request's {@link #pushNow} for one call timeout, then to the scheduled sender. */
    private void mark(UUID contributorId, Target target) {
        Instant now = clock.now();
        outbox.markChanged(contributorId, target, now, now.plus(config.callTimeout()));
    }

    // --- sending ---

    /**
     * Sends the contributor's pending changes now, after the transaction that made them committed, so
     * that the request which changed them answers once the holders have them (when they answer). A
     * holder that fails leaves the row to the scheduled sender; nothing is thrown to the caller.
     */
    public void pushNow(UUID contributorId) {
        try {
            loop.run((now, leaseUntil) -> outbox.claimPendingOf(contributorId, now, leaseUntil));
        } catch (RuntimeException e) {
            // the scheduled sender takes it from here
            LOG.warnf("Changes of contributor %s not pushed at once (%s); the outbox sends them", contributorId, e.getClass().getSimpleName());
        }
    }

    @Scheduled(identity = "account-sync", every = "${plugin.outbox.every:5s}", delayed = "${plugin.outbox.delayed:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        for (int i = 0; i < config.batchSize(); i++) {
            if (!sendNext()) {
                break;
            }
        }
        loop.refreshGauges();
        for (Target target : Target.values()) {
            pending.get(target).set(QuarkusTransaction.requiringNew().call(() -> outbox.countPending(target)));
        }
    }

    /** Claims, sends and settles the next due row, if any; true when there was one (confirmed or not). */
    public boolean sendNext() {
        return loop.runDue() > 0;
    }

    /** The domain step: the row's target is given the contributor's current state, outside any transaction. */
    private Outcome send(SyncOutbox claimed) {
        String failure;
        try {
            State state = QuarkusTransaction.requiringNew().call(() -> contributors.findByIdOptional(claimed.contributorId).map(State::of).orElse(null));
            failure = claimed.target == Target.IDENTITY_PROVIDER ? syncAccount(state) : syncRestriction(claimed.contributorId, state);
        } catch (Unanswered e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            failure = describe(e);
        }
        if (failure == null) {
            return Outcome.done(heldUntil -> {
                if (outbox.synced(claimed, heldUntil, clock.now())) {
                    LOG.debugf("Contributor %s: %s in step (generation %d)", claimed.contributorId, eventTag(claimed.target), claimed.generation);
                }
            });
        }
        LOG.warnf("Contributor %s: %s not in step (attempt %d: %s); next attempt after its backoff", claimed.contributorId,
                eventTag(claimed.target), claimed.attempts + 1, failure);
        return Outcome.retry(failure);
    }

    /**
     * The identity provider's account takes this service's email and names, and is enabled exactly
     * while the contributor is ACTIVE; a deactivated one also loses its sessions. Null when done.
     * An erased contributor, or a subject the provider does not know (the account was already
     * deleted by the erasure), leaves nothing to do.
     */
    private String syncAccount(State state) {
        if (state == null || state.status() == Status.ERASED || state.subject() == null) {
            return null;
        }
        boolean active = state.status() == Status.ACTIVE;
        try {
            call(identityProvider.update(state.subject(),
                    new IdentityProviderClient.AccountUpdate(state.email(), state.firstName(), state.lastName(), active)));
        } catch (PeerRefusedException e) {
            if (e.status() == 404) {
                // no such account (deleted by the erasure, or never there); any other 404 is a wrong address, not a success
                return IdentityProviderClient.unknownUser(e) ? null
                        : "identity provider answered 404 without naming the user: check its admin URL";
            }
            return "identity provider answered " + e.status() + " to updating the account";
        }
        if (!active) {
            try {
                call(identityProvider.logout(state.subject()));
            } catch (PeerRefusedException e) {
                if (!IdentityProviderClient.unknownUser(e)) {
                    return "identity provider answered " + e.status() + " to ending the account's sessions";
                }
            }
        }
        return null;
    }

    /** atom-service takes the restriction flag (an erased or unknown contributor: not restricted). Null when done. */
    private String syncRestriction(UUID contributorId, State state) {
        boolean restricted = state != null && state.status() != Status.ERASED && state.restricted();
        try {
            call(atoms.restrict(contributorId, new AtomClient.Restriction(restricted)));
            return null;
        } catch (PeerRefusedException e) {
            return "atom-service answered " + e.status();
        }
    }

    /**
     * Waits for the peer's answer within {@code plugin.outbox.call-timeout} (token request included):
     * a 2xx returns, another status is a {@link PeerRefusedException}, no answer is an exception
     * whose type {@link #send} records.
     */
    private void call(Uni<Void> request) {
        try {
            request.await().atMost(config.callTimeout());
        } catch (TimeoutException e) {
            throw new Unanswered("no answer within " + config.callTimeout() + " (token request included)");
        }
    }

    /** No answer in time. */
    static final class Unanswered extends RuntimeException {
        Unanswered(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A failure by its exception types only: the messages of HTTP clients can carry the URL called,
     * which names the contributor's subject, and this text is logged and stored.
     */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ")";
    }
}
