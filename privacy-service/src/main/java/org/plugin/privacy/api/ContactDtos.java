package org.plugin.privacy.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.common.validation.PlainText;

/** Contact requests: the requester never sees an email; the contributor sees only what was relayed. */
public final class ContactDtos {

    private ContactDtos() {
    }

    public record NewContact(
            @Schema(example = "alice") @NotNull @Pattern(regexp = "^[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]$", message = "must be an account name: 3-32 lowercase letters, digits or hyphens") String accountName,
            @NotBlank @Size(max = 2000) @PlainText(multiline = true) String message,
            @Size(max = 254) @PlainText String replyTo) {
    }

    /**
     * What the requester sees. {@code accountName} is read from contributor-service when shown: null
     * once the contributor is deactivated or erased, or while contributor-service does not answer.
     */
    public record RequesterView(UUID id, @Schema(nullable = true) String accountName, String message, ContactStatus status, Instant createdAt,
            @Schema(nullable = true) Instant decidedAt, @Schema(nullable = true) String decisionNote) {
    }

    /** What the contributor sees of a request relayed to them. */
    public record ReceivedView(UUID id, String message, @Schema(nullable = true) String replyTo, Instant createdAt, @Schema(nullable = true) Instant relayedAt) {
    }

    /** What admins see ({@code accountName} as in {@link RequesterView}). */
    public record AdminView(UUID id, String requesterSubject, UUID contributorId, @Schema(nullable = true) String accountName, String message,
            @Schema(nullable = true) String replyTo, ContactStatus status, Instant createdAt, @Schema(nullable = true) Instant decidedAt, @Schema(nullable = true) String decidedBy, @Schema(nullable = true) String decisionNote) {
    }

    public record Decision(@Size(max = 1000) @PlainText(multiline = true) String note) {
    }
}
