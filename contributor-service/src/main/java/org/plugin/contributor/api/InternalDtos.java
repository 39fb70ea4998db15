package org.plugin.contributor.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.Contributor.Status;
import org.plugin.contributor.repository.EmailRead;
import org.plugin.contributor.repository.RectificationAudit;

/** API shapes of the internal routes (docs/internal-api.md). */
public final class InternalDtos {

    private InternalDtos() {
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
        public static ContributorName from(Contributor c) {
            if (!c.isActive()) {
                return new ContributorName(c.id, null, null, null, c.status, c.restricted);
            }
            return c.restricted
                    ? new ContributorName(c.id, c.accountName, null, null, c.status, true)
                    : new ContributorName(c.id, c.accountName, c.firstName, c.lastName, c.status, false);
        }
    }

    public record Resolved(UUID id, String accountName, Status status, boolean restricted) {
        public static Resolved from(Contributor c) {
            return new Resolved(c.id, c.accountName, c.status, c.restricted);
        }
    }

    @Schema(description = "Everything contributor-service holds about one contributor")
    public record PersonalData(Profile profile, Restriction restriction, List<RectificationEntry> rectifications,
            List<EmailReadEntry> emailReads, Instant exportedAt) {
    }

    public record Profile(UUID id, String subject, String accountName, String firstName, String lastName, String email,
            Status status, Instant registeredAt, Instant updatedAt, Instant deactivatedAt, Instant erasureDueAt,
            Instant erasedAt) {
        public static Profile from(Contributor c) {
            return new Profile(c.id, c.subject, c.accountName, c.firstName, c.lastName, c.email, c.status, c.createdAt,
                    c.updatedAt, c.deactivatedAt, c.erasureDueAt, c.erasedAt);
        }
    }

    public record Restriction(boolean restricted, String reason, Instant changedAt, String changedBy) {
        public static Restriction from(Contributor c) {
            return new Restriction(c.restricted, c.restrictionReason, c.restrictionChangedAt, c.restrictionChangedBy);
        }
    }

    @Schema(description = "A rectified field: which, when, who acted; never the old value")
    public record RectificationEntry(String field, Instant changedAt, RectificationAudit.ActorType actorType, String actor) {
        public static RectificationEntry from(RectificationAudit a) {
            return new RectificationEntry(a.field, a.changedAt, a.actorType, a.actor);
        }
    }

    @Schema(description = "An admin read that returned the email")
    public record EmailReadEntry(Instant readAt, String readerSubject, String readerName, EmailRead.Context context) {
        public static EmailReadEntry from(EmailRead r) {
            return new EmailReadEntry(r.readAt, r.readerSubject, r.readerName, r.context);
        }
    }

    public record Erasure(UUID id, Status status, Instant erasedAt) {
    }
}
