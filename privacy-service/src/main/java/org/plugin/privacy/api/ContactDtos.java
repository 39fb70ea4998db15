package org.plugin.privacy.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.plugin.common.validation.PlainText;

/** Contact requests: the requester never sees an email; the contributor sees only what was relayed. */
public final class ContactDtos {

    private ContactDtos() {
    }

    public record NewContact(
            @NotNull @Pattern(regexp = "^[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]$", message = "must be an account name: 3-32 lowercase letters, digits or hyphens") String accountName,
            @NotBlank @Size(max = 2000) @PlainText(multiline = true) String message,
            @Size(max = 254) @PlainText String replyTo) {
    }

    /**
     * What the requester sees. {@code accountName} is read from contributor-service when shown: null
     * once the contributor is deactivated or erased, or while contributor-service does not answer.
     */
    public record RequesterView(UUID id, String accountName, String message, ContactStatus status, Instant createdAt,
            Instant decidedAt, String decisionNote) {
    }

    /** What the contributor sees of a request relayed to them. */
    public record ReceivedView(UUID id, String message, String replyTo, Instant createdAt, Instant relayedAt) {
    }

    /** What admins see ({@code accountName} as in {@link RequesterView}). */
    public record AdminView(UUID id, String requesterSubject, UUID contributorId, String accountName, String message,
            String replyTo, ContactStatus status, Instant createdAt, Instant decidedAt, String decidedBy, String decisionNote) {
    }

    public record Decision(@Size(max = 1000) @PlainText(multiline = true) String note) {
    }
}
