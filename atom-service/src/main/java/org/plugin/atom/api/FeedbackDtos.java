package org.plugin.atom.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.atom.api.AtomDtos.ContributorRef;
import org.plugin.common.validation.PlainText;

/** API shapes of feedback. */
public final class FeedbackDtos {

    private FeedbackDtos() {
    }

    public record RatingInput(@NotNull @Min(1) @Max(5) Integer stars) {
    }

    public record RatingView(String atom, int stars, Instant createdAt, @Schema(nullable = true) Instant updatedAt) {
    }

    public record CommentInput(@NotBlank @Size(max = 2000) @PlainText(multiline = true) String body) {
    }

    /** A comment; {@code author} is set when its author is a contributor whose attribution may be shown. */
    public record CommentView(UUID id, String atom, String body, @Schema(nullable = true) ContributorRef author, boolean mine, Instant createdAt) {
    }

    public enum ModerationReason {
        SPAM, ABUSE, OFF_TOPIC, PERSONAL_DATA, OTHER
    }
}
