package org.plugin.atom.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** API shapes of subscriptions to Atoms and of in-app notifications. */
public final class NotificationDtos {

    private NotificationDtos() {
    }

    /** A notice about the recipient's own webhook (not a catalog event): it kept failing and was disabled. */
    public static final String WEBHOOK_DISABLED = "org.plugin.webhook.disabled";

    /** The catalog's event types (CloudEvents types, as webhooks send them) and the webhook notice. */
    public static final String[] TYPES = { "org.plugin.atom.version.published", "org.plugin.atom.version.deprecated",
            "org.plugin.atom.deprecated", "org.plugin.atom.removed", "org.plugin.atom.tombstoned", "org.plugin.atom.owner.changed",
            WEBHOOK_DISABLED };

    /** The caller follows this Atom: they are told of its new versions and of every other change of it. */
    public record SubscriptionView(String atom, Instant subscribedAt) {
    }

    /**
     * One notification. {@code chains} names the recipient's chains the change affects (empty when they
     * hear of it as a subscriber only); {@code webhook} is set for a notice about their webhook only.
     */
    public record NotificationView(UUID id,
            @Schema(enumeration = { "org.plugin.atom.version.published", "org.plugin.atom.version.deprecated", "org.plugin.atom.deprecated",
                    "org.plugin.atom.removed", "org.plugin.atom.tombstoned", "org.plugin.atom.owner.changed",
                    WEBHOOK_DISABLED }, description = "What happened: a catalog event's CloudEvents type, or a notice about a webhook") String type,
            @Schema(nullable = true, description = "The Atom concerned; null for a webhook notice") String atom,
            @Schema(nullable = true, description = "The version concerned; null for an event on the whole Atom") String version,
            @Schema(description = "The recipient's chains using the affected Atom version, sorted") List<String> chains,
            @Schema(description = "When the change happened") Instant occurredAt,
            boolean read,
            @Schema(nullable = true, description = "When the recipient marked it read") Instant readAt,
            @Schema(nullable = true) WebhookNotice webhook) {
    }

    /** The recipient's webhook that a notice is about. */
    public record WebhookNotice(UUID id, String url, @Schema(description = "The last status or error, for the owner") String reason) {
    }

    /** How many notifications a "mark all read" marked. */
    public record ReadMarks(int marked) {
    }
}
