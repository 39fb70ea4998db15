package org.plugin.privacy.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** API shapes of the erasure workflow; none carries personal data beyond the pseudonymous contributor id (and a deactivation, the login subject). */
public final class ErasureDtos {

    private ErasureDtos() {
    }

    /**
     * Pushed by contributor-service's outbox (docs/internal-api.md), with the contributor's login subject when it
     * still knows it: the erasure job erases what is keyed by it, and need not ask contributor-service for it then.
     */
    public record Deactivation(@NotNull UUID eventId, @NotNull UUID contributorId, @NotNull Instant deactivatedAt,
            @Schema(nullable = true) @Size(max = 255) @Pattern(regexp = "\\S+", message = "must be the login's token subject, without spaces") String subject) {
    }

    public record DeactivationReceipt(UUID eventId, UUID contributorId, UUID jobId, JobStatus status, Instant deadline, Instant runAfter) {
    }

    public record StepView(String service, StepStatus status, int attempts, @Schema(nullable = true) Instant lastAttemptAt, @Schema(nullable = true) String lastError, @Schema(nullable = true) Instant confirmedAt) {
    }

    public record JobView(
            UUID id,
            UUID contributorId,
            JobSource source,
            @Schema(nullable = true) UUID requestId,
            JobStatus status,
            @Schema(nullable = true) Instant deactivatedAt,
            Instant deadline,
            @Schema(nullable = true) Instant runAfter,
            Instant createdAt,
            @Schema(nullable = true) Instant completedAt,
            int attempts,
            @Schema(nullable = true) Instant nextAttemptAt,
            @Schema(nullable = true) String lastError,
            boolean atRisk,
            List<StepView> services) {
    }

    public record Confirmation(String service, Instant confirmedAt) {
    }

    /**
     * Proof that a contributor was erased everywhere, with nothing personal in it. {@code hash} is the
     * SHA-256 (hex) of {@code canonicalForm}, recorded when the job completed.
     */
    public record Certificate(
            UUID jobId,
            UUID contributorId,
            Instant deadline,
            @Schema(nullable = true) Instant completedAt,
            boolean completedBeforeDeadline,
            List<Confirmation> confirmations,
            String hashAlgorithm,
            String canonicalForm,
            String hash) {
    }
}
