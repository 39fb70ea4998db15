package org.plugin.privacy.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.common.validation.PlainText;

/** The register of disclosures to competent authorities. */
public final class DisclosureDtos {

    private DisclosureDtos() {
    }

    public record NewDisclosure(
            @NotBlank @Size(max = 200) @PlainText String authority,
            @NotBlank @Size(max = 500) @PlainText(multiline = true) String legalBasis,
            @NotBlank @Size(max = 200) @PlainText String reference,
            @NotNull @Size(min = 1, max = 200) List<@NotNull UUID> contributorIds,
            @NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 100) @PlainText String> dataCategories,
            @NotNull LocalDate disclosedOn,
            @NotNull Boolean confidential) {
    }

    public record DisclosureView(
            UUID id,
            String authority,
            String legalBasis,
            @Schema(nullable = true) String reference,
            List<UUID> contributorIds,
            List<String> dataCategories,
            LocalDate disclosedOn,
            boolean confidential,
            @Schema(nullable = true) String approvedBy,
            Instant recordedAt) {
    }
}
