package org.plugin.contributor.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.contributor.api.ContributorDtos.Status;

import com.fasterxml.jackson.annotation.JsonInclude;

/** API shapes of the internal routes (docs/internal-api.md); service/ContributorMapper builds them. */
public final class InternalDtos {

    private InternalDtos() {
    }

    /** Who rectified a field. */
    public enum ActorType {
        /** The contributor themself, through {@code PATCH /api/contributors/me}. */
        CONTRIBUTOR,
        /** privacy-service, applying a rectification request. */
        PRIVACY_REQUEST
    }

    /** Through which admin view an email was read. */
    public enum Context {
        PROFILE, DIRECTORY
    }

    public record NamesRequest(@NotNull @Size(min = 1, max = 200) List<@NotNull UUID> ids) {
    }

    public record NamesResponse(List<ContributorName> contributors) {
    }

    /**
     * The names atom-service shows next to an Atom: for a restricted contributor the first and last
     * names are null; for a deactivated or erased one every name is null.
     */
    public record ContributorName(UUID id, String accountName, String firstName, String lastName, Status status,
            boolean restricted) {
    }

    /**
     * Who a subject, an account name or an id is. {@code subject} (the token subject of their login) is
     * answered only to a lookup by id, and left out otherwise: privacy-service's erasure step reads it
     * there before asking this service to erase them (which forgets it), instead of a whole export.
     */
    public record Resolved(UUID id, String accountName, Status status, boolean restricted,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "The token subject of the contributor's login; only when resolved by id, absent when unknown or erased")
            String subject) {
    }

    @Schema(description = "Everything contributor-service holds about one contributor")
    public record PersonalData(Profile profile, Restriction restriction, List<RectificationEntry> rectifications,
            List<EmailReadEntry> emailReads, Instant exportedAt) {
    }

    public record Profile(UUID id, String subject, String accountName, String firstName, String lastName, String email,
            Status status, Instant registeredAt, Instant updatedAt, Instant deactivatedAt, Instant erasureDueAt,
            Instant erasedAt) {
    }

    public record Restriction(boolean restricted, String reason, Instant changedAt, String changedBy) {
    }

    @Schema(description = "A rectified field: which, when, who acted; never the old value")
    public record RectificationEntry(String field, Instant changedAt, ActorType actorType, String actor) {
    }

    @Schema(description = "An admin read that returned the email")
    public record EmailReadEntry(Instant readAt, String readerSubject, String readerName, Context context) {
    }

    public record Erasure(UUID id, Status status, Instant erasedAt) {
    }
}
