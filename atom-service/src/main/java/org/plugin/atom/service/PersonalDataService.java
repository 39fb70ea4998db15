package org.plugin.atom.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.atom.api.InternalDtos.AtomData;
import org.plugin.atom.api.InternalDtos.AuthorErasure;
import org.plugin.atom.api.InternalDtos.AuthorFeedback;
import org.plugin.atom.api.InternalDtos.ChainData;
import org.plugin.atom.api.InternalDtos.CommentData;
import org.plugin.atom.api.InternalDtos.Erasure;
import org.plugin.atom.api.InternalDtos.LedgerData;
import org.plugin.atom.api.InternalDtos.NotificationData;
import org.plugin.atom.api.InternalDtos.SubscriptionData;
import org.plugin.atom.api.InternalDtos.PersonalData;
import org.plugin.atom.api.InternalDtos.RatingData;
import org.plugin.atom.api.InternalDtos.RestrictionState;
import org.plugin.atom.api.InternalDtos.WebhookData;
import org.plugin.atom.api.InternalDtos.WebhookDeliveryData;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.AtomRepository;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.ChainRepository;
import org.plugin.atom.repository.ErasureRepository;
import org.plugin.atom.repository.ErasureRepository.Erased;
import org.plugin.atom.repository.EventRepository;
import org.plugin.atom.repository.FeedbackComment;
import org.plugin.atom.repository.FeedbackRepository;
import org.plugin.atom.repository.LedgerEntry.Event;
import org.plugin.atom.repository.LedgerRepository;
import org.plugin.atom.repository.NotificationRepository;
import org.plugin.atom.repository.Rating;
import org.plugin.atom.repository.RestrictionRepository;
import org.plugin.atom.repository.VersionRepository;
import org.plugin.atom.service.events.CatalogEvent;
import org.plugin.atom.service.events.CatalogEvents;
import org.plugin.atom.repository.WebhookDeliveryRepository;
import org.plugin.atom.repository.WebhookRepository;
import org.plugin.common.idempotency.IdempotencyStore;
import org.plugin.common.time.PlatformClock;

/**
 * What privacy-service asks about one person: the access export, restriction and erasure, by
 * contributor id or, for feedback, by token subject. Writes are idempotent.
 */
@ApplicationScoped
public class PersonalDataService {

    private final AtomRepository atoms;
    private final VersionRepository versions;
    private final ChainRepository chains;
    private final FeedbackRepository feedback;
    private final LedgerRepository entries;
    private final RestrictionRepository restrictions;
    private final ErasureRepository erasures;
    private final LedgerService ledger;
    private final ContributorDirectory directory;
    private final PlatformClock clock;
    private final IdempotencyStore keptAnswers;
    private final NotificationRepository notifications;
    private final CatalogEvents events;
    private final EventRepository eventQueue;
    private final WebhookRepository webhooks;
    private final WebhookDeliveryRepository webhookDeliveries;

    PersonalDataService(AtomRepository atoms, VersionRepository versions, ChainRepository chains, FeedbackRepository feedback,
            LedgerRepository entries, RestrictionRepository restrictions, ErasureRepository erasures, LedgerService ledger,
            ContributorDirectory directory, PlatformClock clock, IdempotencyStore keptAnswers, NotificationRepository notifications,
            CatalogEvents events, EventRepository eventQueue, WebhookRepository webhooks, WebhookDeliveryRepository webhookDeliveries) {
        this.eventQueue = eventQueue;
        this.notifications = notifications;
        this.events = events;
        this.keptAnswers = keptAnswers;
        this.webhooks = webhooks;
        this.webhookDeliveries = webhookDeliveries;
        this.atoms = atoms;
        this.versions = versions;
        this.chains = chains;
        this.feedback = feedback;
        this.entries = entries;
        this.restrictions = restrictions;
        this.erasures = erasures;
        this.ledger = ledger;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * What the catalog holds about a contributor. Read-only loads (no dirty-checking snapshots) and
     * versions grouped once by Atom: a contributor may have tens of thousands of versions and entries.
     */
    public PersonalData personalData(UUID id) {
        List<Atom> owned = atoms.findByOwner(id);
        Map<UUID, List<AtomVersion>> versionsByAtom = versions.readByAtoms(owned.stream().map(a -> a.id).toList()).stream()
                .collect(Collectors.groupingBy(v -> v.atomId));
        List<AtomData> atomData = owned.stream().map(a -> new AtomData(a.name, CatalogMapper.metadata(a), a.lifecycle.name(), a.createdAt,
                CatalogMapper.newestFirst(versionsByAtom.getOrDefault(a.id, List.of())).stream()
                        .map(v -> CatalogMapper.view(a.name, v)).toList())).toList();
        List<ChainData> chainData = chains.readByOwner(id).stream().map(c -> new ChainData(c.name, c.description, c.createdAt)).toList();
        List<Rating> ratings = feedback.readRatingsByContributor(id);
        List<FeedbackComment> comments = feedback.readCommentsByContributor(id);
        Map<UUID, String> feedbackAtoms = atomNames(ratings, comments);
        ledger.chainCommitted();
        List<LedgerData> ledgerData = entries.readByContributor(id).stream()
                .map(e -> new LedgerData(e.seq, e.id, e.recordedAt, e.event.name(), e.atomName, e.atomVersion, e.actorKind.name(), e.ciClient,
                        e.details)).toList();
        return new PersonalData(id, restriction(id).restricted(), erasure(id), atomData, chainData,
                ratings.stream().map(r -> new RatingData(feedbackAtoms.get(r.atomId), r.stars, r.createdAt, r.updatedAt)).toList(),
                comments.stream().map(c -> new CommentData(c.id, feedbackAtoms.get(c.atomId), c.body, c.createdAt)).toList(), ledgerData,
                notifications.subscriptionsOf(id).stream().map(s -> new SubscriptionData(s.atomName(), s.createdAt())).toList(),
                notifications.notificationsOf(id).stream().map(n -> new NotificationData(n.id(), n.type(), n.atomName(), n.version(), n.chains(),
                        n.occurredAt(), n.readAt(), n.webhookId(), n.webhookUrl(), n.reason())).toList(),
                webhookData(id));
    }

    /** A contributor's webhooks (without their secrets) and their deliveries. */
    private List<WebhookData> webhookData(UUID id) {
        Map<UUID, List<WebhookDeliveryData>> deliveries = webhookDeliveries.deliveriesOfOwner(id).stream()
                .collect(Collectors.groupingBy(d -> d.webhookId(), Collectors.mapping(d -> new WebhookDeliveryData(d.id(),
                        Long.toString(d.eventId()), d.eventType(), d.state(), d.attempts(), d.createdAt(), d.deliveredAt(), d.lastStatus(),
                        d.lastError()), Collectors.toList())));
        return webhooks.allByOwner(id).stream().map(w -> new WebhookData(w.id, w.url, w.description, w.enabled, w.disabledReason, w.createdAt,
                w.updatedAt, deliveries.getOrDefault(w.id, List.of()))).toList();
    }

    /** Every rating and comment written under a token subject, whether or not its author was a contributor then. */
    public AuthorFeedback authorFeedback(String subject) {
        List<Rating> ratings = feedback.ratingsBySubject(subject);
        List<FeedbackComment> comments = feedback.commentsBySubject(subject);
        Map<UUID, String> feedbackAtoms = atomNames(ratings, comments);
        return new AuthorFeedback(subject,
                ratings.stream().map(r -> new RatingData(feedbackAtoms.get(r.atomId), r.stars, r.createdAt, r.updatedAt)).toList(),
                comments.stream().map(c -> new CommentData(c.id, feedbackAtoms.get(c.atomId), c.body, c.createdAt)).toList());
    }

    /**
     * Erases the feedback written under a token subject: comments deleted, ratings kept anonymous (as
     * for a contributor's erasure). Whatever exists at the time of the call is erased; a repeat
     * with nothing new answers zero counts.
     */
    @Transactional
    public AuthorErasure eraseAuthor(String subject) {
        int comments = feedback.deleteCommentsBySubject(subject);
        int ratings = feedback.anonymizeRatingsBySubject(subject);
        // answers kept for retried creations (a comment's text, a chain) go with their author
        keptAnswers.forget(subject);
        return new AuthorErasure(clock.now(), comments, ratings);
    }

    /** The names of the Atoms these ratings and comments are about. */
    private Map<UUID, String> atomNames(List<Rating> ratings, List<FeedbackComment> comments) {
        Set<UUID> ids = new HashSet<>();
        ratings.forEach(r -> ids.add(r.atomId));
        comments.forEach(c -> ids.add(c.atomId));
        return atoms.namesByIds(ids);
    }

    public RestrictionState restriction(UUID id) {
        Instant since = restrictions.since(id).orElse(null);
        return new RestrictionState(id, since != null, since);
    }

    /** Restricts a contributor (their attribution hidden from now on) or lifts it; their cached names are forgotten either way. */
    @Transactional
    public RestrictionState restrict(UUID id, boolean restricted) {
        if (restricted) {
            restrictions.restrict(id, clock.now());
        } else {
            restrictions.lift(id);
        }
        directory.forget(id);
        return restriction(id);
    }

    /**
     * Erases what the catalog holds about a contributor: comments deleted, ratings kept anonymous,
     * Atoms and chains kept but attributed to no one, versions and ledger entries without the CI
     * client id; the ledger keeps the pseudonymous contributor id. A repeated call answers the same.
     */
    @Transactional
    public Erasure erase(UUID id) {
        erasures.lock(id);
        // no dispatch of an event runs while this erasure does: none can write to them after it
        // (shared: other erasures may run beside this one, a dispatch may not)
        eventQueue.holdDispatcherLockShared();
        // webhooks, their deliveries and attempts go whole, on a repeat too (nothing is left to keep unattributed)
        webhooks.deleteByOwner(id);
        Erasure done = erasure(id);
        if (done != null) {
            return done;
        }
        Instant now = clock.now();
        List<Atom> owned = atoms.findByOwner(id);
        for (Atom atom : owned) {
            atom.ownerId = null;
            atom.updatedAt = now;
        }
        atoms.flush();
        int comments = feedback.deleteCommentsByContributor(id);
        int ratings = feedback.anonymizeRatingsByContributor(id);
        chains.disown(id);
        versions.forgetRegistrant(id);
        entries.forgetCiClients(id);
        restrictions.lift(id);
        // what they followed and were told goes with them; chains disowned above no longer bring them news
        notifications.deleteSubscriptionsOf(id);
        notifications.deleteNotificationsOf(id);
        erasures.record(id, new Erased(now, owned.size(), comments + ratings));
        Actor service = Actor.service();
        for (Atom atom : owned) {
            Map<String, Object> details = new HashMap<>();
            details.put("from", id);
            details.put("to", null);
            details.put("reason", "contributor erased");
            ledger.append(Event.OWNERSHIP_CHANGED, atom.id, atom.name, null, service, details);
            events.record(CatalogEvent.OWNER_CHANGED, atom.id, atom.name, null);
        }
        ledger.append(Event.CONTRIBUTOR_ERASED, null, null, null, service,
                Map.of("contributor", id, "atoms", owned.size(), "feedback", comments + ratings));
        directory.forget(id);
        return new Erasure(id, now, owned.size(), comments + ratings);
    }

    /**
     * A contributor's erasure and their feedback's by token subject, in one transaction: what
     * {@link #erase(UUID)} then {@link #eraseAuthor(String)} do, for the erasure job that knows both (one
     * call instead of two). The contributor's part answers as the first erasure did; the author's, what
     * this call erased.
     */
    @Transactional
    public Erasure erase(UUID id, String subject) {
        return erase(id).withAuthor(eraseAuthor(subject));
    }

    private Erasure erasure(UUID id) {
        return erasures.find(id).map(e -> new Erasure(id, e.erasedAt(), e.atoms(), e.feedback())).orElse(null);
    }
}
