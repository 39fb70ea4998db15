package org.plugin.atom.service;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.plugin.atom.api.AtomDtos.Artifact;
import org.plugin.atom.api.AtomDtos.ArtifactType;
import org.plugin.atom.api.AtomDtos.AtomMetadata;
import org.plugin.atom.api.AtomDtos.ConnectionPoint;
import org.plugin.atom.api.AtomDtos.Direction;
import org.plugin.atom.api.AtomDtos.Kind;
import org.plugin.atom.api.AtomDtos.State;
import org.plugin.atom.api.AtomDtos.VersionView;
import org.plugin.atom.api.LicenseExpression;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.AtomVersion;

/** Entity to API shape, and the normal form of request content. */
public final class CatalogMapper {

    private CatalogMapper() {
    }

    /**
     * The constant of the same name in another enum: the API's closed sets (api/) and the entities'
     * (repository/) name their constants alike, so a value crosses the service layer by its name.
     */
    public static <E extends Enum<E>> E as(Class<E> type, Enum<?> value) {
        return value == null ? null : Enum.valueOf(type, value.name());
    }

    public static VersionView view(String atomName, AtomVersion v) {
        return new VersionView(atomName, v.version, as(State.class, v.state),
                v.artifacts.stream().map(a -> new Artifact(as(ArtifactType.class, a.type()), a.reference(), a.digest())).toList(),
                List.copyOf(v.languages),
                v.connectionPoints.stream().map(p -> new ConnectionPoint(p.name(), p.protocol(), as(Direction.class, p.direction()))).toList(),
                v.releaseNotes, v.contentDigest, v.createdAt, v.updatedAt, v.publishedAt, v.deprecatedAt);
    }

    /** Newest first by semantic-version precedence. */
    public static Comparator<AtomVersion> newestFirst() {
        return Comparator.comparing((AtomVersion v) -> SemanticVersion.parse(v.version), NEWEST_FIRST);
    }

    /** These versions in {@link #newestFirst()} order, each version parsed once ({@link SemanticVersion#sortedByVersion}). */
    public static List<AtomVersion> newestFirst(Collection<AtomVersion> versions) {
        return SemanticVersion.sortedByVersion(versions, v -> v.version, NEWEST_FIRST);
    }

    /** Newest first by precedence, unparseable versions first: the order of {@link #newestFirst()} on versions. */
    static final Comparator<SemanticVersion> NEWEST_FIRST = Comparator.nullsLast(SemanticVersion.PRECEDENCE).reversed();

    /** The Atom's descriptive fields as a descriptor carries them (tags in stored order). */
    public static AtomMetadata metadata(Atom a) {
        return new AtomMetadata(a.displayName, a.summary, a.description, as(Kind.class, a.kind), a.category, List.of(a.tags), a.license,
                a.sourceUrl, a.documentationUrl);
    }

    /** Tags in normal form: lowercase (already enforced), unique, sorted. */
    public static List<String> normalTags(List<String> tags) {
        return tags == null ? List.of() : tags.stream().distinct().sorted().toList();
    }

    /** Descriptive fields in normal form: trimmed text, normal tags, blank URLs as absent. */
    public static AtomMetadata normal(AtomMetadata m) {
        return new AtomMetadata(m.displayName().strip(), m.summary().strip(), m.description().strip(), m.kind(), m.category(),
                normalTags(m.tags()), normalLicense(m.license()), blankToNull(m.sourceUrl()), blankToNull(m.documentationUrl()));
    }

    /** A valid SPDX expression with its identifiers spelled as SPDX does ("mit" is stored as MIT); anything else as given. */
    static String normalLicense(String license) {
        if (license == null) {
            return null;
        }
        String canonical = LicenseExpression.check(license).canonical();
        return canonical == null ? license : canonical;
    }

    public static void apply(Atom atom, AtomMetadata m) {
        atom.displayName = m.displayName();
        atom.summary = m.summary();
        atom.description = m.description();
        atom.kind = as(Atom.Kind.class, m.kind());
        atom.category = m.category();
        atom.tags = m.tags().toArray(String[]::new);
        atom.license = m.license();
        atom.sourceUrl = m.sourceUrl();
        atom.documentationUrl = m.documentationUrl();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
