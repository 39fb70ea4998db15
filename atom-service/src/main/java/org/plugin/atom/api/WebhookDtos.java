package org.plugin.atom.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.common.validation.PlainText;

/** Webhooks: endpoints a contributor registers to receive the catalog's events as signed CloudEvents. */
public final class WebhookDtos {

    private WebhookDtos() {
    }

    /** POST /api/webhooks. */
    public record WebhookCreate(
            @Schema(example = "https://ci.example.org/hooks/plugin", description = "An http or https URL on a public address (the operator may allow others)")
            @NotNull @Size(max = 500) @WebUrl String url,
            @Schema(example = "Rebuild our edge chain", nullable = true) @Size(max = 300) @PlainText String description,
            @Schema(description = "Whether deliveries are sent; true when absent", nullable = true) Boolean enabled) {
    }

    /** PATCH /api/webhooks/{id}: absent fields stay. */
    public record WebhookPatch(
            @Schema(example = "https://ci.example.org/hooks/plugin") @Size(max = 500) @WebUrl String url,
            @Size(max = 300) @PlainText String description,
            @Schema(description = "Enables (again, after it was disabled for failing) or disables the webhook") Boolean enabled,
            @Schema(description = "True: a new secret replaces the old one at once, shown in this answer only") Boolean rotateSecret) {
    }

    /** Why deliveries stop: the owner disabled the webhook, or it kept failing. */
    public enum WebhookState {
        ENABLED, DISABLED, DISABLED_FAILING
    }

    /** A webhook as its owner sees it; the secret only in the answer to its creation or rotation. */
    public record WebhookView(
            UUID id,
            String url,
            @Schema(nullable = true) String description,
            boolean enabled,
            WebhookState state,
            @Schema(nullable = true, description = "Why it was disabled for failing: the last status or error") String disabledReason,
            @Schema(nullable = true) Instant disabledAt,
            @Schema(description = "Attempts that failed in a row since the last delivery") int consecutiveFailures,
            Instant createdAt,
            Instant updatedAt,
            Instant secretRotatedAt,
            @Schema(nullable = true, description = "The signing secret: in the answer to the creation and to a rotation only, never again")
            String secret) {
    }

    /** Where a delivery stands. */
    public enum DeliveryState {
        PENDING, DELIVERED, FAILED
    }

    /** One attempt at delivering an event to a webhook. */
    public record DeliveryAttemptView(
            UUID deliveryId,
            @Schema(description = "The CloudEvent's id") String eventId,
            String eventType,
            @Schema(description = "1 for the first attempt of this delivery") int attempt,
            Instant attemptedAt,
            @Schema(nullable = true, description = "The receiver's HTTP status; null when there was none (see error)") Integer statusCode,
            @Schema(nullable = true, description = "Why there was no status: refused target, connection refused, timeout...") String error,
            long durationMs,
            @Schema(description = "Where the delivery stands now") DeliveryState deliveryState) {
    }
}
