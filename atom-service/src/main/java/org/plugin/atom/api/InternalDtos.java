package org.plugin.atom.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.atom.api.AtomDtos.AtomMetadata;
import org.plugin.atom.api.AtomDtos.VersionView;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Shapes of the internal API (docs/internal-api.md). */
public final class InternalDtos {

    private InternalDtos() {
    }

    /** {@code reason} is accepted (callers may send the body they send to contributor-service) but not kept here. */
    public record Restriction(@NotNull Boolean restricted, @Size(max = 1000) String reason) {
    }

    public record RestrictionState(UUID contributorId, boolean restricted, Instant since) {
    }

    /**
     * What an erasure did here, and when (the first call's answer on repeats); {@code author} only when the
     * call named the contributor's token subject too: the feedback erased under it by this call.
     */
    public record Erasure(UUID contributorId, Instant erasedAt, int atoms, int feedback,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true) AuthorErasure author) {

        public Erasure(UUID contributorId, Instant erasedAt, int atoms, int feedback) {
            this(contributorId, erasedAt, atoms, feedback, null);
        }

        public Erasure withAuthor(AuthorErasure erased) {
            return new Erasure(contributorId, erasedAt, atoms, feedback, erased);
        }
    }

    public record AtomData(String name, AtomMetadata descriptor, String lifecycle, Instant createdAt, List<VersionView> versions) {
    }

    public record RatingData(String atom, int stars, Instant createdAt, Instant updatedAt) {
    }

    public record CommentData(UUID id, String atom, String body, Instant createdAt) {
    }

    public record ChainData(String name, String description, Instant createdAt) {
    }

    public record LedgerData(long seq, UUID id, Instant recordedAt, String event, String atom, String version, String actorKind,
            String ciClient, String details) {
    }

    /** Names the author of feedback by their token subject (users who are not contributors, or before they were). */
    public record AuthorSubject(@NotBlank @Size(max = 255) String subject) {
    }

    /** Every rating and comment whose author is {@code subject}, contributor or not. */
    public record AuthorFeedback(String subject, List<RatingData> ratings, List<CommentData> comments) {
    }

    public record AuthorErasure(Instant erasedAt, int comments, int ratings) {
    }

    /** An Atom the contributor follows. */
    public record SubscriptionData(String atom, Instant subscribedAt) {
    }

    /** An in-app notification of the contributor; {@code webhookId}, {@code webhookUrl}, {@code reason} for a notice about their webhook. */
    public record NotificationData(UUID id, String type, String atom, String version, List<String> chains, Instant occurredAt,
            Instant readAt, UUID webhookId, String webhookUrl, String reason) {
    }

    /** Everything the catalog ties to one contributor id. */
    public record PersonalData(UUID contributorId, boolean restricted, Erasure erasure, List<AtomData> atoms, List<ChainData> chains,
            List<RatingData> ratings, List<CommentData> comments, List<LedgerData> ledger, List<SubscriptionData> subscriptions,
            List<NotificationData> notifications, List<WebhookData> webhooks) {
    }

    /** A contributor's webhook, as their export shows it: never its secret. */
    public record WebhookData(UUID id, String url, String description, boolean enabled, String disabledReason, Instant createdAt,
            Instant updatedAt, List<WebhookDeliveryData> deliveries) {
    }

    /** One delivery to a contributor's webhook (kept 30 days once settled). */
    public record WebhookDeliveryData(UUID id, String eventId, String eventType, String state, int attempts, Instant createdAt,
            Instant deliveredAt, Integer lastStatus, String lastError) {
    }
}
