package org.plugin.atom.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.plugin.atom.api.AtomDtos.ContributorRef;
import org.plugin.atom.api.AtomDtos.Lifecycle;
import org.plugin.atom.api.AtomDtos.State;
import org.plugin.common.validation.PlainText;

/** API shapes of chains. */
public final class ChainDtos {

    static final String KEY = "^[a-z0-9][a-z0-9-]{0,63}$";
    static final String KEY_MESSAGE = "must be 1-64 lowercase letters, digits or hyphens, starting with a letter or digit";

    private ChainDtos() {
    }

    public record NodeSpec(
            @Schema(example = "fw") @NotNull @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @Schema(example = "router-fw") @NotNull @Pattern(regexp = AtomDtos.SLUG, message = AtomDtos.SLUG_MESSAGE) String atom,
            @NotNull @Size(min = 1, max = 128) @PlainText String version) {
    }

    public record Endpoint(
            @Schema(example = "fw") @NotNull @Pattern(regexp = KEY, message = KEY_MESSAGE) String node,
            @Schema(example = "out") @NotNull @Pattern(regexp = AtomDtos.SLUG, message = AtomDtos.SLUG_MESSAGE) String point) {
    }

    public record LinkSpec(@NotNull @Valid Endpoint from, @NotNull @Valid Endpoint to) {
    }

    /** POST /api/chains. */
    public record ChainCreate(
            @Schema(example = "edge-chain") @NotNull @Pattern(regexp = AtomDtos.SLUG, message = AtomDtos.SLUG_MESSAGE) String name,
            @Size(max = 2000) @PlainText(multiline = true) String description,
            @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid NodeSpec> nodes,
            @Size(max = 200) List<@NotNull @Valid LinkSpec> links) {
    }

    /** One node as a chain shows it; {@code removed} when its Atom was removed by its owner (a tombstone). */
    public record NodeView(String key, String atom, String version, @Schema(nullable = true) String displayName, @Schema(nullable = true) Lifecycle atomLifecycle, @Schema(nullable = true) State versionState,
            boolean removed) {
    }

    public record LinkView(Endpoint from, Endpoint to, String protocol) {
    }

    public record ChainView(String name, @Schema(nullable = true) String description, @Schema(nullable = true) ContributorRef owner, boolean attributionHidden, boolean intact,
            List<NodeView> nodes, List<LinkView> links, Instant createdAt, @Schema(nullable = true) Instant updatedAt) {
    }

    public record ChainSummary(String name, @Schema(nullable = true) String description, @Schema(nullable = true) ContributorRef owner, boolean attributionHidden, int nodes,
            Instant createdAt) {
    }

    /** One reason a chain is refused; {@code code} is stable, {@code detail} is for people. */
    public record ChainError(String code, String detail) {
    }
}
