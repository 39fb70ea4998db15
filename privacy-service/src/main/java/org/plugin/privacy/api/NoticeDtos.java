package org.plugin.privacy.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.common.validation.PlainText;

/** The notice and cookie register as data: one versioned document. */
public final class NoticeDtos {

    private NoticeDtos() {
    }

    public record Purpose(
            @NotBlank @Size(max = 500) @PlainText String purpose,
            @NotBlank @Size(max = 500) @PlainText String legalBasis) {
    }

    public record ContactPoint(
            @NotBlank @Size(max = 200) @PlainText String role,
            @NotBlank @Size(max = 200) @PlainText String name,
            @Size(max = 500) @PlainText String details) {
    }

    public record Cookie(
            @NotBlank @Size(max = 100) @PlainText String name,
            @NotBlank @Size(max = 100) @PlainText String owner,
            @NotBlank @Size(max = 300) @PlainText String purpose,
            @NotBlank @Size(max = 100) @PlainText String retention) {
    }

    /** The body of a notice version. */
    public record NoticeContent(
            @NotBlank @Size(max = 200) @PlainText String title,
            @NotBlank @Size(max = 300) @PlainText String controller,
            @NotBlank @Size(max = 2000) @PlainText(multiline = true) String summary,
            @NotNull @Size(min = 1, max = 30) List<@NotNull @Valid Purpose> purposes,
            @NotNull @Size(min = 1, max = 30) List<@NotBlank @Size(max = 200) @PlainText String> dataCategories,
            @NotNull @Size(min = 1, max = 30) List<@NotBlank @Size(max = 500) @PlainText String> recipients,
            @NotNull @Size(min = 1, max = 30) List<@NotBlank @Size(max = 500) @PlainText String> retention,
            @NotNull @Size(min = 1, max = 30) List<@NotBlank @Size(max = 500) @PlainText String> rights,
            @NotNull @Size(min = 1, max = 30) List<@NotNull @Valid ContactPoint> contactPoints,
            @NotBlank @Size(max = 1000) @PlainText String dataLocation,
            @Size(max = 1000) @PlainText String security,
            @NotNull @Size(max = 100) List<@NotNull @Valid Cookie> cookies) {
    }

    /** What a version name is: 1-40 letters, digits, dots, underscores or hyphens. */
    public static final String VERSION_REGEXP = "^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$";

    public record NewVersion(
            @Schema(example = "2026-12-01") @NotNull @Pattern(regexp = VERSION_REGEXP, message = "must be 1-40 letters, digits, dots, underscores or hyphens") String version,
            @NotNull LocalDate effectiveDate,
            @NotNull @Valid NoticeContent content) {
    }

    public record VersionView(String version, LocalDate effectiveDate, Instant publishedAt, boolean current, NoticeContent content) {
    }

    public record VersionSummary(String version, LocalDate effectiveDate, Instant publishedAt, boolean current, String href) {
    }

    /** GET /api/privacy/notice: the version in force, and every version (past, current and announced). */
    public record NoticeView(VersionView current, List<VersionSummary> versions) {
    }

    public record CookieRegister(String noticeVersion, LocalDate effectiveDate, List<Cookie> cookies) {
    }
}
