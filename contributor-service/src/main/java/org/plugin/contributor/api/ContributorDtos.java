package org.plugin.contributor.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.common.validation.PlainText;

/**
 * API shapes of the public routes of contributor-service; entities never leave the service
 * (service/ContributorMapper builds these from them).
 */
public final class ContributorDtos {

    private ContributorDtos() {
    }

    /** Where a contributor account is in its life: active, deactivated (erasure due), erased (a stub). */
    public enum Status {
        ACTIVE, DEACTIVATED, ERASED
    }

    /** What a caller is shown of one contributor: the public view, or the admin view for admins. */
    @Schema(description = "The public view, or the admin view for admins (it has every field of the public view, and more)",
            anyOf = { PublicView.class, AdminView.class })
    public sealed interface ContributorView permits PublicView, AdminView {
    }

    @Schema(description = "Registration of the caller as a contributor")
    public record Registration(
            @NotNull @AccountName @Schema(example = "zoe-obrien") String accountName,
            @NotNull @PersonName @Schema(example = "Zoë") String firstName,
            @NotNull @PersonName @Schema(example = "O'Brien-Núñez") String lastName,
            @NotNull @ContactEmail @Schema(example = "zoe@example.org") String email) {
    }

    @Schema(description = "Rectification: the fields to change, at least one; absent or null fields stay as they are")
    public record Rectification(
            @Schema(example = "Zoë") @PersonName String firstName,
            @Schema(example = "O'Brien-Núñez") @PersonName String lastName,
            @Schema(example = "zoe@example.org") @ContactEmail String email) {

        public boolean isEmpty() {
            return firstName == null && lastName == null && email == null;
        }
    }

    /**
     * What any authenticated user may see: the notice's three fields, and since when. For a
     * restricted contributor the names are null: only the account name is shown.
     */
    @Schema(description = "Public view: account name, first name, last name (null while the contributor is restricted), since when")
    public record PublicView(String accountName, @Schema(nullable = true) String firstName, @Schema(nullable = true) String lastName, Instant since) implements ContributorView {
    }

    /** The operator's view: everything but the audit. Every read of it is recorded. */
    @Schema(description = "Admin view: the public fields plus email, status, token subject and lifecycle dates")
    public record AdminView(UUID id, String accountName, @Schema(nullable = true) String firstName, @Schema(nullable = true) String lastName, @Schema(nullable = true) String email, Status status,
            @Schema(nullable = true) String subject, boolean restricted, Instant since, @Schema(nullable = true) Instant updatedAt, @Schema(nullable = true) Instant deactivatedAt,
            @Schema(nullable = true) Instant erasureDueAt, @Schema(nullable = true) Instant erasedAt) implements ContributorView {
    }

    /** The contributor's own record. */
    @Schema(description = "The caller's own contributor record")
    public record SelfView(UUID id, String accountName, String firstName, String lastName, String email, Status status,
            boolean restricted, Instant since, @Schema(nullable = true) Instant updatedAt, @Schema(nullable = true) Instant deactivatedAt, @Schema(nullable = true) Instant erasureDueAt) {
    }

    @Schema(description = "A deactivated account and the date by which its personal data will be erased")
    public record Deactivation(UUID id, String accountName, Status status, Instant deactivatedAt,
            @Schema(description = "Deactivation plus one calendar month, Europe/Paris") Instant erasureDueAt,
            @Schema(description = "The erasure deadline's date in Europe/Paris") LocalDate erasureDueDate) {
    }

    @Schema(description = "Sets or lifts the restriction of processing")
    public record RestrictionChange(
            @NotNull Boolean restricted,
            @Size(max = 500) @PlainText @Schema(description = "Why (a privacy request reference, for example)") String reason) {
    }

    @Schema(description = "A contributor's restriction state")
    public record RestrictionState(UUID id, String accountName, Status status, boolean restricted,
            @Schema(nullable = true, description = "The reason given with the last change") String reason,
            @Schema(nullable = true, description = "When the restriction was last set or lifted") Instant changedAt) {
    }
}
