package org.plugin.atom.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.atom.api.NotificationDtos.NotificationView;
import org.plugin.atom.api.NotificationDtos.ReadMarks;
import org.plugin.atom.api.NotificationDtos.SubscriptionView;
import org.plugin.atom.api.NotificationDtos.WebhookNotice;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.AtomRepository;
import org.plugin.atom.repository.NotificationRepository;
import org.plugin.atom.repository.NotificationRepository.NotificationRow;
import org.plugin.atom.repository.NotificationRepository.SubscriptionRow;
import org.plugin.common.error.DomainException;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

/**
 * A contributor's subscriptions to Atoms and their in-app notifications. The caller is the registered,
 * active contributor they act as (a user by their token subject, a CI client by its claim), as for
 * creating a chain: anyone else is refused (403).
 */
@ApplicationScoped
public class NotificationService {

    /** Whether a PUT created the subscription (201) or found it (200). */
    public record Subscribed(SubscriptionView subscription, boolean created) {
    }

    private final NotificationRepository notifications;
    private final AtomRepository atoms;
    private final AccessRules access;
    private final PlatformClock clock;

    NotificationService(NotificationRepository notifications, AtomRepository atoms, AccessRules access, PlatformClock clock) {
        this.notifications = notifications;
        this.atoms = atoms;
        this.access = access;
        this.clock = clock;
    }

    /** Follows an Atom that is not removed; a repeat changes nothing. The Atom is share-locked so that a removal waits for it. */
    @Transactional
    public Subscribed subscribe(String atomName) {
        UUID me = access.contributor().id(); // before any lock: contributor-service may be slow
        Atom atom = AtomService.live(atoms.shareByName(atomName).orElse(null), atomName);
        boolean created = notifications.subscribe(me, atom.name, clock.now());
        SubscriptionRow row = notifications.subscription(me, atom.name).orElseThrow();
        return new Subscribed(new SubscriptionView(row.atomName(), row.createdAt()), created);
    }

    public SubscriptionView subscription(String atomName) {
        UUID me = access.contributor().id();
        return (AtomRepository.possibleName(atomName) ? notifications.subscription(me, atomName) : java.util.Optional.<SubscriptionRow>empty())
                .map(row -> new SubscriptionView(row.atomName(), row.createdAt()))
                .orElseThrow(() -> DomainException.notFound("You do not follow an Atom named '" + atomName + "'"));
    }

    /** Stops following; a repeat changes nothing. An Atom that neither exists nor is followed is unknown (404). */
    @Transactional
    public void unsubscribe(String atomName) {
        UUID me = access.contributor().id();
        if (!AtomRepository.possibleName(atomName)) {
            throw DomainException.notFound("No Atom named '" + atomName + "'");
        }
        if (!notifications.unsubscribe(me, atomName) && atoms.findByName(atomName).isEmpty()) {
            throw DomainException.notFound("No Atom named '" + atomName + "'");
        }
    }

    /** The caller's notifications, unread first, then newest; only the unread ones with {@code unreadOnly}. */
    public Page<NotificationView> list(boolean unreadOnly, PageRequest page) {
        UUID me = access.contributor().id();
        var listing = notifications.page(me, unreadOnly, page.limit(), page.offset());
        return Page.of(listing.items().stream().map(NotificationService::view).toList(), listing.total(), page);
    }

    /** Marks one of the caller's notifications read; another's, or an unknown id, is not found. */
    @Transactional
    public NotificationView markRead(UUID id) {
        UUID me = access.contributor().id();
        if (!notifications.markRead(me, id, clock.now())) {
            throw DomainException.notFound("You have no such notification");
        }
        return notifications.find(me, id).map(NotificationService::view).orElseThrow();
    }

    @Transactional
    public ReadMarks markAllRead() {
        UUID me = access.contributor().id();
        return new ReadMarks(notifications.markAllRead(me, clock.now()));
    }

    static NotificationView view(NotificationRow n) {
        Instant readAt = n.readAt();
        return new NotificationView(n.id(), n.type(), n.atomName(), n.version(), n.chains(), n.occurredAt(), readAt != null, readAt,
                n.webhookId() == null ? null : new WebhookNotice(n.webhookId(), n.webhookUrl(), n.reason()));
    }
}
