package org.plugin.atom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.plugin.atom.support.Catalog.atom;
import static org.plugin.atom.support.Catalog.version;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.plugin.atom.api.AtomDtos.Artifact;
import org.plugin.atom.api.AtomDtos.ArtifactType;
import org.plugin.atom.api.AtomDtos.ConnectionPoint;
import org.plugin.atom.api.AtomDtos.Direction;
import org.plugin.atom.api.AtomDtos.VersionContent;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.AtomVersion.State;
import org.plugin.common.error.DomainException;

/** The CI registration's rules that need no database: a version's normal form and digest, the latest version, Atom names. */
class RegistrationRulesTest {

    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);

    static VersionContent content(List<Artifact> artifacts, List<String> languages, List<ConnectionPoint> points, String notes) {
        return new VersionContent(null, artifacts, languages, points, notes, null);
    }

    @Test
    void theSameContentInAnotherOrderHasTheSameDigest() {
        var first = RegistrationService.normalize(content(
                List.of(new Artifact(ArtifactType.VM_IMAGE, "vm:1", A), new Artifact(ArtifactType.CONTAINER_IMAGE, "img:1", B)),
                List.of("Go", " Rust ", "Go"), List.of(new ConnectionPoint("out", "http", Direction.OUT), new ConnectionPoint("in", "grpc", Direction.IN)),
                "  First release  "));
        var second = RegistrationService.normalize(content(
                List.of(new Artifact(ArtifactType.CONTAINER_IMAGE, "img:1", B), new Artifact(ArtifactType.VM_IMAGE, "vm:1", A)),
                List.of("Rust", "Go"), List.of(new ConnectionPoint("in", "GRPC", Direction.IN), new ConnectionPoint("out", "HTTP", Direction.OUT)),
                "First release"));
        assertThat(first).isEqualTo(second);
        assertThat(first.digest()).hasSize(64);
        assertThat(first.artifacts()).extracting(AtomVersion.Artifact::type)
                .containsExactly(AtomVersion.ArtifactType.CONTAINER_IMAGE, AtomVersion.ArtifactType.VM_IMAGE);
        assertThat(first.languages()).containsExactly("Go", "Rust");
        assertThat(first.connectionPoints()).containsExactly(new AtomVersion.ConnectionPoint("in", "GRPC", AtomVersion.Direction.IN),
                new AtomVersion.ConnectionPoint("out", "HTTP", AtomVersion.Direction.OUT));
        assertThat(first.releaseNotes()).isEqualTo("First release");
    }

    @Test
    void anyChangeOfContentChangesTheDigest() {
        var base = RegistrationService.normalize(content(List.of(new Artifact(ArtifactType.CONTAINER_IMAGE, "img:1", A)), null, null, null));
        var otherDigest = RegistrationService.normalize(content(List.of(new Artifact(ArtifactType.CONTAINER_IMAGE, "img:1", B)), null, null, null));
        var withNotes = RegistrationService.normalize(content(List.of(new Artifact(ArtifactType.CONTAINER_IMAGE, "img:1", A)), null, null, "x"));
        assertThat(base.digest()).isNotEqualTo(otherDigest.digest()).isNotEqualTo(withNotes.digest());
        assertThat(RegistrationService.normalize(content(List.of(new Artifact(ArtifactType.CONTAINER_IMAGE, "img:1", A)), List.of(), List.of(), " ")))
                .as("absent and empty lists, blank notes: the same content").isEqualTo(base);
    }

    @Test
    void anArtifactOrAConnectionPointListedTwiceIsRefused() {
        var twice = catchThrowableOfType(DomainException.class, () -> RegistrationService.normalize(content(
                List.of(new Artifact(ArtifactType.HELM_CHART, "chart:1", A), new Artifact(ArtifactType.HELM_CHART, "chart:1", B)), null, null, null)));
        assertThat(twice.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(twice.detail()).isEqualTo("artifacts: HELM_CHART 'chart:1' is listed twice");
        var points = catchThrowableOfType(DomainException.class, () -> RegistrationService.normalize(content(
                List.of(new Artifact(ArtifactType.OTHER, "x", A)), null,
                List.of(new ConnectionPoint("in", "HTTP", Direction.IN), new ConnectionPoint("in", "GRPC", Direction.OUT)), null)));
        assertThat(points.detail()).isEqualTo("connectionPoints: the name 'in' is used twice; connection point names must be unique");
    }

    @Test
    void theLatestVersionIsTheHighestPublishedReleaseElseTheHighestPreRelease() {
        var atom = atom("router", UUID.randomUUID());
        assertThat(RegistrationService.latest(List.of())).isNull();
        assertThat(RegistrationService.latest(List.of(version(atom, "1.0.0", State.DRAFT)))).isNull();
        assertThat(RegistrationService.latest(List.of(version(atom, "2.0.0-rc.1", State.PUBLISHED), version(atom, "1.10.0", State.PUBLISHED),
                version(atom, "1.9.0", State.PUBLISHED), version(atom, "3.0.0", State.DRAFT), version(atom, "1.11.0", State.DEPRECATED))))
                .isEqualTo("1.10.0");
        assertThat(RegistrationService.latest(List.of(version(atom, "2.0.0-rc.1", State.PUBLISHED), version(atom, "2.0.0-beta", State.PUBLISHED))))
                .isEqualTo("2.0.0-rc.1");
    }

    @Test
    void publishingOneMoreVersionGivesTheLatestOfAllWithoutReadingThemAll() {
        var atom = atom("router", UUID.randomUUID());
        var pool = List.of("0.1.0", "1.0.0", "1.0.0-rc.1", "1.0.0-alpha", "1.2.0", "1.10.0", "1.9.9", "2.0.0-beta.2", "2.0.0-beta.10",
                "2.0.0", "10.0.0-rc.1", "0.0.1");
        var random = new java.util.Random(15);
        for (int round = 0; round < 200; round++) {
            List<AtomVersion> published = new java.util.ArrayList<>();
            String latest = null;
            for (int i = 0; i < 1 + random.nextInt(pool.size()); i++) {
                String next = pool.get(random.nextInt(pool.size()));
                published.add(version(atom, next, State.PUBLISHED));
                latest = RegistrationService.later(latest, next);
                assertThat(latest).as("after publishing %s", published.stream().map(v -> v.version).toList())
                        .isEqualTo(RegistrationService.latest(published));
            }
        }
        assertThat(RegistrationService.later(null, "1.0.0-rc.1")).isEqualTo("1.0.0-rc.1");
        assertThat(RegistrationService.later("1.0.0-rc.1", "0.9.0")).isEqualTo("0.9.0");
        assertThat(RegistrationService.later("0.9.0", "1.0.0-rc.1")).isEqualTo("0.9.0");
    }

    @Test
    void atomNamesAreSlugsAndNotPathsOfTheApi() {
        AtomService.requireValidName("fast-router");
        assertThat(catchThrowableOfType(DomainException.class, () -> AtomService.requireValidName("ledger")).detail())
                .isEqualTo("'ledger' is reserved by the API and cannot name an Atom");
        assertThat(catchThrowableOfType(DomainException.class, () -> AtomService.requireValidName("Fast_Router")).detail())
                .isEqualTo("The Atom name 'Fast_Router' must be 2-64 lowercase letters, digits or hyphens, not starting or ending with a hyphen");
        assertThat(catchThrowableOfType(DomainException.class, () -> AtomService.requireValidName("x".repeat(80))).detail())
                .contains("x".repeat(64) + "...");
    }
}
