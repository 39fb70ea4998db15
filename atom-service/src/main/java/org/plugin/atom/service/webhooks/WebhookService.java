package org.plugin.atom.service.webhooks;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.atom.api.WebhookDtos.DeliveryAttemptView;
import org.plugin.atom.api.WebhookDtos.DeliveryState;
import org.plugin.atom.api.WebhookDtos.WebhookCreate;
import org.plugin.atom.api.WebhookDtos.WebhookPatch;
import org.plugin.atom.api.WebhookDtos.WebhookState;
import org.plugin.atom.api.WebhookDtos.WebhookView;
import org.plugin.atom.client.TargetPolicy;
import org.plugin.atom.client.TargetPolicy.RefusedTarget;
import org.plugin.atom.config.WebhookConfig;
import org.plugin.atom.repository.Webhook;
import org.plugin.atom.repository.WebhookDeliveryRepository;
import org.plugin.atom.repository.WebhookRepository;
import org.plugin.atom.service.AccessRules;
import org.plugin.common.error.DomainException;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

/**
 * A contributor's webhooks: registered by the contributor (user token) or their CI client, each seen
 * by its owner only (anyone else gets 404, as for an unknown id). The URL is checked against the SSRF
 * policy at registration (422) and again at each delivery.
 */
@ApplicationScoped
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository webhooks;
    private final WebhookDeliveryRepository deliveries;
    private final AccessRules access;
    private final TargetPolicy targets;
    private final WebhookConfig config;
    private final PlatformClock clock;

    WebhookService(WebhookRepository webhooks, WebhookDeliveryRepository deliveries, AccessRules access, TargetPolicy targets,
            WebhookConfig config, PlatformClock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.access = access;
        this.targets = targets;
        this.config = config;
        this.clock = clock;
    }

    /** A new signing secret: 32 random bytes, base64url, with a prefix that says what it is. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Transactional
    public WebhookView create(WebhookCreate create) {
        UUID owner = access.contributor().id();
        checkTarget(create.url());
        webhooks.lockOwner(owner);
        if (webhooks.countByOwner(owner) >= config.maxPerOwner()) {
            throw DomainException.unprocessable("A contributor may register at most " + config.maxPerOwner() + " webhooks");
        }
        Instant now = clock.now();
        Webhook w = new Webhook();
        w.id = UUID.randomUUID();
        w.ownerId = owner;
        w.url = create.url();
        w.description = blankToNull(create.description());
        w.secret = newSecret();
        w.enabled = create.enabled() == null || create.enabled();
        w.createdAt = now;
        w.updatedAt = now;
        w.secretRotatedAt = now;
        webhooks.persist(w);
        return view(w, true);
    }

    public Page<WebhookView> list(PageRequest page) {
        UUID owner = access.contributor().id();
        return Page.of(webhooks.byOwner(owner, page.limit(), page.offset()).stream().map(w -> view(w, false)).toList(),
                webhooks.countByOwner(owner), page);
    }

    public WebhookView get(String id) {
        return view(owned(id, false), false);
    }

    @Transactional
    public WebhookView update(String id, WebhookPatch patch) {
        access.resolveBeforeLocking();
        Webhook w = owned(id, true);
        Instant now = clock.now();
        if (patch.url() != null && !patch.url().equals(w.url)) {
            checkTarget(patch.url());
            w.url = patch.url();
        }
        if (patch.description() != null) {
            w.description = blankToNull(patch.description());
        }
        if (patch.enabled() != null && patch.enabled() != w.enabled) {
            w.enabled = patch.enabled();
            if (w.enabled) {
                w.disabledReason = null;
                w.disabledAt = null;
                w.consecutiveFailures = 0;
                w.failingSince = null;
            } else {
                w.disabledAt = now;
                w.disabledReason = null;
                deliveries.failPending(w.id, "webhook disabled by its owner");
            }
        }
        boolean rotated = Boolean.TRUE.equals(patch.rotateSecret());
        if (rotated) {
            w.secret = newSecret();
            w.secretRotatedAt = now;
        }
        w.updatedAt = now;
        return view(w, rotated);
    }

    @Transactional
    public void delete(String id) {
        access.resolveBeforeLocking();
        webhooks.delete(owned(id, true));
    }

    public Page<DeliveryAttemptView> attempts(String id, PageRequest page) {
        Webhook w = owned(id, false);
        return Page.of(deliveries.attempts(w.id, page.limit(), page.offset()).stream()
                .map(a -> new DeliveryAttemptView(a.deliveryId(), Long.toString(a.eventId()), a.eventType(), a.attempt(), a.attemptedAt(),
                        a.statusCode(), a.error(), a.durationMs(), DeliveryState.valueOf(a.state())))
                .toList(), deliveries.countAttempts(w.id), page);
    }

    /** The caller's webhook; 404 for an unknown id, a malformed one, or another's. */
    private Webhook owned(String id, boolean lock) {
        UUID owner = access.contributor().id();
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("No such webhook");
        }
        Webhook w = (lock ? webhooks.lock(uuid) : webhooks.findByIdOptional(uuid)).orElse(null);
        if (w == null || !owner.equals(w.ownerId)) {
            throw DomainException.notFound("No such webhook");
        }
        return w;
    }

    private void checkTarget(String url) {
        try {
            targets.check(url);
        } catch (RefusedTarget e) {
            throw DomainException.unprocessable("The webhook URL is refused: " + e.getMessage());
        }
    }

    static WebhookView view(Webhook w, boolean withSecret) {
        WebhookState state = w.enabled ? WebhookState.ENABLED : w.disabledReason != null ? WebhookState.DISABLED_FAILING : WebhookState.DISABLED;
        return new WebhookView(w.id, w.url, w.description, w.enabled, state, w.disabledReason, w.disabledAt, w.consecutiveFailures, w.createdAt,
                w.updatedAt, w.secretRotatedAt, withSecret ? w.secret : null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
