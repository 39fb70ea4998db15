package org.plugin.privacy.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.common.validation.PlainText;

import com.fasterxml.jackson.annotation.JsonInclude;

/** API shapes of data-subject requests. */
public final class RequestDtos {

    /** Letters of any script, spaces, apostrophes and hyphens (the rule contributor-service applies). */
    static final String NAME_PATTERN = "^[\\p{L}\\p{M}](?:[\\p{L}\\p{M} '’-]*[\\p{L}\\p{M}])?$";
    static final String NAME_MESSAGE = "must contain only letters, spaces, apostrophes and hyphens";

    private RequestDtos() {
    }

    /** A new request by the caller, about themself. */
    public record NewRequest(
            @NotNull RequestType type,
            @Valid Rectification rectification,
            @Size(max = 2000) @PlainText(multiline = true) String reason) {
    }

    /** The changes a RECTIFICATION asks for; at least one field. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rectification(
            @Schema(example = "Zoë") @Size(min = 1, max = 100) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String firstName,
            @Schema(example = "O'Brien-Núñez") @Size(min = 1, max = 100) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String lastName,
            @Schema(example = "zoe@example.org") @Size(max = 254) @Email @PlainText String email) {

        public boolean empty() {
            return firstName == null && lastName == null && email == null;
        }

        public List<String> fields() {
            List<String> fields = new ArrayList<>();
            if (firstName != null) {
                fields.add("firstName");
            }
            if (lastName != null) {
                fields.add("lastName");
            }
            if (email != null) {
                fields.add("email");
            }
            return fields;
        }
    }

    /**
     * What a request carries beyond its type, as stored. The rectification values are dropped once
     * applied; only the names of the fields changed remain.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Details(@Schema(extensions = @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = "x-optional", value = "true")) Rectification rectification, @Schema(extensions = @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = "x-optional", value = "true")) List<String> rectifiedFields, @Schema(extensions = @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = "x-optional", value = "true")) String reason) {
    }

    public record HistoryEntry(Instant at, @Schema(nullable = true) String actor, String action, @Schema(nullable = true) RequestStatus fromStatus, RequestStatus toStatus, @Schema(nullable = true) String note) {
    }

    /** Where the ACCESS or PORTABILITY document is, and until when. */
    public record ExportLink(String href, @Schema(nullable = true) Instant expiresAt, boolean expired) {
    }

    public record RequestView(
            UUID id,
            RequestType type,
            RequestStatus status,
            @Schema(nullable = true) String subject,
            @Schema(nullable = true) UUID contributorId,
            Instant receivedAt,
            LocalDate dueDate,
            int extendedMonths,
            boolean overdue,
            @Schema(nullable = true) Details details,
            @Schema(nullable = true) String rejectionReason,
            @Schema(nullable = true) Instant completedAt,
            boolean restrictionActive,
            boolean workPending,
            @Schema(nullable = true) String lastError,
            @Schema(nullable = true) UUID erasureJobId,
            @Schema(nullable = true) ExportLink export,
            List<HistoryEntry> history) {
    }

    public record Rejection(@NotBlank @Size(max = 1000) @PlainText(multiline = true) String reason) {
    }

    public record Note(@Size(max = 1000) @PlainText(multiline = true) String note) {
    }

    public record Extension(
            @NotNull @Min(1) @Max(2) Integer months,
            @NotBlank @Size(max = 1000) @PlainText(multiline = true) String reason) {
    }
}
