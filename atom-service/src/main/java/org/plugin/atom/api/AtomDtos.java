package org.plugin.atom.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.common.validation.PlainText;

/** API shapes of the catalog; entities never leave the service. */
public final class AtomDtos {

    /** Atom and chain names: lowercase slugs of 2-64 characters. */
    public static final String SLUG = "^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$";
    public static final String SLUG_MESSAGE = "must be 2-64 lowercase letters, digits or hyphens, not starting or ending with a hyphen";
    static final String TAG = "^[a-z0-9][a-z0-9+.-]{0,31}$";
    static final String TAG_MESSAGE = "must be 1-32 lowercase letters, digits, '+', '.' or '-', starting with a letter or digit";
    static final String LICENSE_DESCRIPTION = "An SPDX license expression: identifiers of the SPDX License List or LicenseRef-<name>, "
            + "combined with AND, OR, WITH <exception> and parentheses (for example MIT OR Apache-2.0, "
            + "GPL-2.0-only WITH Classpath-exception-2.0); deprecated identifiers are accepted";
    static final String LANGUAGE = "^[A-Za-z][A-Za-z0-9+#. -]{0,31}$";
    static final String PROTOCOL = "^[A-Za-z0-9][A-Za-z0-9._/+-]{0,31}$";
    static final String REFERENCE = "^[\\x21-\\x7E]{1,500}$";
    static final String DIGEST = "^sha256:[a-f0-9]{64}$";
    static final String DIGEST_MESSAGE = "must be 'sha256:' followed by 64 lowercase hexadecimal digits";

    private AtomDtos() {
    }

    // The closed sets of the API. The entities keep their own (repository/), stored by these same names:
    // the API can change its words without a migration, and the storage never leaks into the contract.

    public enum Kind {
        COMPONENT, VNF
    }

    /** REMOVED Atoms are shown only as tombstones, to the chains that still use them. */
    public enum Lifecycle {
        ACTIVE, DEPRECATED, REMOVED
    }

    /** A version's state: a DRAFT exists only for its owner, their CI and admins; a PUBLISHED version is immutable. */
    public enum State {
        DRAFT, PUBLISHED, DEPRECATED
    }

    public enum ArtifactType {
        CONTAINER_IMAGE, VM_IMAGE, HELM_CHART, OTHER
    }

    public enum Direction {
        IN, OUT, BIDIRECTIONAL
    }

    /** POST /api/atoms. */
    public record AtomCreate(
            @Schema(example = "router-fw") @NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String name,
            @NotBlank @Size(max = 120) @PlainText String displayName,
            @NotBlank @Size(max = 300) @PlainText String summary,
            @NotNull @Size(max = 20000) @MarkdownText String description,
            @NotNull Kind kind,
            @Schema(example = "networking") @NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String category,
            @Size(max = 20) List<@NotNull @Pattern(regexp = TAG, message = TAG_MESSAGE) String> tags,
            @NotNull @Size(max = LicenseExpression.MAX_LENGTH) @SpdxExpression @Schema(description = LICENSE_DESCRIPTION, example = "MIT OR Apache-2.0") String license,
            @Schema(example = "https://git.example.org/router-fw") @WebUrl String sourceUrl,
            @Schema(example = "https://docs.example.org/router-fw") @WebUrl String documentationUrl) {

        public AtomMetadata metadata() {
            return new AtomMetadata(displayName, summary, description, kind, category, tags, license, sourceUrl, documentationUrl);
        }
    }

    /** An Atom's descriptive fields, as a CI descriptor carries them. */
    public record AtomMetadata(
            @NotBlank @Size(max = 120) @PlainText String displayName,
            @NotBlank @Size(max = 300) @PlainText String summary,
            @NotNull @Size(max = 20000) @MarkdownText String description,
            @NotNull Kind kind,
            @Schema(example = "networking") @NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String category,
            @Size(max = 20) List<@NotNull @Pattern(regexp = TAG, message = TAG_MESSAGE) String> tags,
            @NotNull @Size(max = LicenseExpression.MAX_LENGTH) @SpdxExpression @Schema(description = LICENSE_DESCRIPTION, example = "MIT OR Apache-2.0") String license,
            @Schema(example = "https://git.example.org/router-fw") @WebUrl String sourceUrl,
            @Schema(example = "https://docs.example.org/router-fw") @WebUrl String documentationUrl) {
    }

    /** PATCH /api/atoms/{name}: absent fields stay as they are. */
    public record AtomPatch(
            @Size(min = 1, max = 120) @PlainText String displayName,
            @Size(min = 1, max = 300) @PlainText String summary,
            @Size(max = 20000) @MarkdownText String description,
            Kind kind,
            @Schema(example = "networking") @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String category,
            @Size(max = 20) List<@NotNull @Pattern(regexp = TAG, message = TAG_MESSAGE) String> tags,
            @Size(max = LicenseExpression.MAX_LENGTH) @SpdxExpression @Schema(description = LICENSE_DESCRIPTION, example = "Apache-2.0") String license,
            @Schema(example = "https://git.example.org/router-fw") @WebUrl String sourceUrl,
            @Schema(example = "https://docs.example.org/router-fw") @WebUrl String documentationUrl) {
    }

    /** PUT /api/atoms/{name}/owner (admin). */
    public record OwnerChange(@Schema(example = "bob") @NotNull @Pattern(regexp = "^[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]$", message = "must be a contributor account name") String accountName) {
    }

    public record Artifact(
            @NotNull ArtifactType type,
            @Schema(example = "registry.example.org/router-fw:1.0.0") @NotBlank @Pattern(regexp = REFERENCE, message = "must be 1-500 printable characters without spaces") @PlainText String reference,
            @Schema(example = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") @NotNull @Pattern(regexp = DIGEST, message = DIGEST_MESSAGE) String digest) {
    }

    public record ConnectionPoint(
            @Schema(example = "in") @NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String name,
            @Schema(example = "HTTP") @NotNull @Pattern(regexp = PROTOCOL, message = "must be 1-32 letters, digits, '.', '_', '/', '+' or '-' (for example HTTP, gRPC, GTP-U)") String protocol,
            @NotNull Direction direction) {
    }

    /**
     * PUT /api/atoms/{name}/versions/{version}: a version's content, and optionally the Atom's
     * descriptive fields (required when the Atom does not exist yet; applied when they differ).
     */
    public record VersionContent(
            @Valid AtomMetadata atom,
            @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid Artifact> artifacts,
            @Size(max = 20) List<@NotNull @Pattern(regexp = LANGUAGE, message = "must be a programming language name of 1-32 characters") String> languages,
            @Size(max = 50) List<@NotNull @Valid ConnectionPoint> connectionPoints,
            @Size(max = 10000) @MarkdownText String releaseNotes,
            State state) {
    }

    /** A contributor as pages show them: the notice's three public fields (null when hidden or unavailable). */
    public record ContributorRef(UUID id, @Schema(nullable = true) String accountName, @Schema(nullable = true) String firstName, @Schema(nullable = true) String lastName) {
    }

    public record RatingSummary(long count, @Schema(nullable = true) BigDecimal average, Map<String, Long> distribution) {
    }

    public record VersionSummary(String version, State state, Instant createdAt, @Schema(nullable = true) Instant publishedAt, @Schema(nullable = true) Instant deprecatedAt) {
    }

    /** GET /api/atoms/{name}. */
    public record AtomDetail(String name, String displayName, String summary, String description, Kind kind, String category,
            List<String> tags, String license, @Schema(nullable = true) String sourceUrl, @Schema(nullable = true) String documentationUrl, Lifecycle lifecycle,
            @Schema(nullable = true) ContributorRef owner, boolean attributionHidden, @Schema(nullable = true) String latestVersion, RatingSummary rating,
            List<VersionSummary> versions, Instant createdAt, @Schema(nullable = true) Instant updatedAt, @Schema(nullable = true) Instant deprecatedAt, @Schema(nullable = true) Instant removedAt) {
    }

    /** One hit of GET /api/atoms. */
    public record AtomSummary(String name, String displayName, String summary, Kind kind, String category, List<String> tags,
            String license, Lifecycle lifecycle, @Schema(nullable = true) String latestVersion, @Schema(nullable = true) ContributorRef owner, boolean attributionHidden,
            long ratingCount, @Schema(nullable = true) BigDecimal ratingAverage, Instant createdAt, @Schema(nullable = true) Instant updatedAt, @Schema(nullable = true) Double rank) {
    }

    /**
     * A page of search hits: {@link org.plugin.common.web.Page}'s fields, plus whether {@code total}
     * is only a lower bound (a search stops counting at a bound, so that it costs the same at any
     * catalog size). {@code nextOffset} is null when no further page can be fetched.
     */
    public record SearchPage(List<AtomSummary> items, long total, boolean totalIsLowerBound, int limit, int offset, @Schema(nullable = true) Integer nextOffset) {
    }

    /**
     * GET /api/atoms as sent: search text, filters, sort (each parameter validated by the resource).
     * {@code contributor} is a contributor id or an account name.
     */
    public record SearchRequest(String q, String kind, String tag, String category, String contributor, String lifecycle, String sort) {
    }

    /** A version in full. */
    public record VersionView(String atom, String version, State state, List<Artifact> artifacts, List<String> languages,
            List<ConnectionPoint> connectionPoints, @Schema(nullable = true) String releaseNotes, @Schema(nullable = true) String contentDigest, Instant createdAt,
            @Schema(nullable = true) Instant updatedAt, @Schema(nullable = true) Instant publishedAt, @Schema(nullable = true) Instant deprecatedAt) {
    }

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED
    }

    /** The answer of the CI call. */
    public record Registration(Outcome outcome, boolean atomCreated, boolean atomUpdated, VersionView version) {
    }

    public record ValidationProblem(String field, String detail) {
    }

    /**
     * The answer of the dry run: what the real call would answer, and why; {@code warnings} are
     * accepted but worth fixing (a deprecated SPDX license identifier).
     */
    public record ValidationReport(boolean accepted, int status, @Schema(nullable = true) Outcome outcome, boolean atomCreated, boolean atomUpdated,
            List<ValidationProblem> problems, List<String> warnings) {
    }

    public enum RemovalOutcome {
        REMOVED, TOMBSTONED
    }

    /** DELETE /api/atoms/{name}. */
    public record Removal(String name, RemovalOutcome outcome, long chainsUsingIt) {
    }
}
