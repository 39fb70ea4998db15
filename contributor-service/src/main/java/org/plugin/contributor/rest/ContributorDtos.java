package org.plugin.contributor.rest;

import java.time.Instant;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.plugin.contributor.repository.Contributor;

/** API shapes of contributor-service; entities never leave the service. */
public final class ContributorDtos {

    /** Letters of any script, spaces, apostrophes and hyphens. */
    static final String NAME_PATTERN = "^[\\p{L}\\p{M}](?:[\\p{L}\\p{M} '’-]*[\\p{L}\\p{M}])?$";

    private ContributorDtos() {
    }

    public record Registration(
            @NotNull @Pattern(regexp = "^[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]$", message = "must be 3-32 lowercase letters, digits or hyphens, not starting or ending with a hyphen") String accountName,
            @NotBlank @Size(max = 100) @Pattern(regexp = NAME_PATTERN, message = "must contain only letters, spaces, apostrophes and hyphens") String firstName,
            @NotBlank @Size(max = 100) @Pattern(regexp = NAME_PATTERN, message = "must contain only letters, spaces, apostrophes and hyphens") String lastName,
            @NotBlank @Size(max = 254) @Email String email) {
    }

    /** What any authenticated user may see: the notice's three fields, and since when. */
    public record PublicView(String accountName, String firstName, String lastName, Instant since) {
        public static PublicView from(Contributor c) {
            return new PublicView(c.accountName, c.firstName, c.lastName, c.createdAt);
        }
    }
}
