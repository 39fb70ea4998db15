package org.plugin.atom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.atom.support.Catalog.atom;
import static org.plugin.atom.support.Catalog.version;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.plugin.atom.api.AtomDtos;
import org.plugin.atom.api.AtomDtos.AtomMetadata;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.AtomVersion.State;

/** Entities to API shapes, and the normal form of what a request describes. */
class CatalogMapperTest {

    static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    @Test
    void theApiAndTheEntitiesNameTheSameConstants() {
        assertThat(names(AtomDtos.Kind.class)).isEqualTo(names(Atom.Kind.class));
        assertThat(names(AtomDtos.Lifecycle.class)).isEqualTo(names(Atom.Lifecycle.class));
        assertThat(names(AtomDtos.State.class)).isEqualTo(names(AtomVersion.State.class));
        assertThat(names(AtomDtos.ArtifactType.class)).isEqualTo(names(AtomVersion.ArtifactType.class));
        assertThat(names(AtomDtos.Direction.class)).isEqualTo(names(AtomVersion.Direction.class));
        assertThat(CatalogMapper.as(Atom.Kind.class, AtomDtos.Kind.VNF)).isEqualTo(Atom.Kind.VNF);
        assertThat(CatalogMapper.as(AtomDtos.State.class, null)).isNull();
    }

    @Test
    void descriptiveFieldsInNormalForm() {
        var normal = CatalogMapper.normal(new AtomMetadata(" Fast Router ", " Routes ", " # Router\n", AtomDtos.Kind.VNF, "networking",
                List.of("routing", "5g", "routing"), "mit OR apache-2.0", " ", "https://docs.example.org"));
        assertThat(normal).isEqualTo(new AtomMetadata("Fast Router", "Routes", "# Router", AtomDtos.Kind.VNF, "networking",
                List.of("5g", "routing"), "MIT OR Apache-2.0", null, "https://docs.example.org"));
        assertThat(CatalogMapper.normal(normal)).as("idempotent").isEqualTo(normal);
    }

    @Test
    void anAtomsFieldsGoBackAndForthUnchanged() {
        var metadata = new AtomMetadata("Fast Router", "Routes", "", AtomDtos.Kind.COMPONENT, "networking", List.of("5g"), "MIT", null, null);
        var atom = atom("router", UUID.randomUUID());
        CatalogMapper.apply(atom, metadata);
        assertThat(atom.kind).isEqualTo(Atom.Kind.COMPONENT);
        assertThat(CatalogMapper.metadata(atom)).isEqualTo(metadata);
    }

    @Test
    void versionsAreSortedNewestFirstBySemanticVersionPrecedence() {
        var atom = atom("router", UUID.randomUUID());
        var sorted = List.of(version(atom, "1.0.0-rc.1", State.PUBLISHED), version(atom, "1.10.0", State.PUBLISHED),
                version(atom, "1.2.0", State.DRAFT), version(atom, "1.0.0", State.PUBLISHED)).stream()
                .sorted(CatalogMapper.newestFirst()).map(v -> v.version).toList();
        assertThat(sorted).containsExactly("1.10.0", "1.2.0", "1.0.0", "1.0.0-rc.1");
        assertThat(CatalogMapper.view("router", version(atom, "1.2.0", State.DRAFT)).state()).isEqualTo(AtomDtos.State.DRAFT);
    }

    @Test
    void sortingAListParsesOnceAndKeepsTheComparatorsOrder() {
        var atom = atom("router", UUID.randomUUID());
        var texts = List.of("1.10.0", "1.2.0", "1.0.0", "1.0.0-rc.1", "1.0.0-rc.1+build.7", "1.0.0-rc.1+build.2", "1.0.0-alpha", "1.0.0-alpha.1",
                "1.0.0-alpha.beta", "1.0.0-beta.11", "1.0.0-beta.2", "2.0.0+meta", "0.0.1", "10.0.0", "not-a-version", "1.0", "01.0.0");
        var versions = new ArrayList<AtomVersion>();
        for (String t : texts) {
            versions.add(version(atom, t, State.PUBLISHED));
            versions.add(version(atom, t, State.DRAFT)); // equal versions: the sort is stable, as the comparator's is
        }
        var random = new Random(42);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(versions, random);
            var expected = versions.stream().sorted(CatalogMapper.newestFirst()).toList();
            assertThat(CatalogMapper.newestFirst(versions)).containsExactlyElementsOf(expected);
        }
        var order = CatalogMapper.newestFirst(versions).stream().map(v -> v.version).distinct().toList();
        assertThat(order.subList(0, 3)).as("unparseable versions first, among themselves as they came").containsExactlyInAnyOrder("not-a-version", "1.0", "01.0.0");
        assertThat(order.subList(3, order.size())).containsExactly("10.0.0", "2.0.0+meta", "1.10.0", "1.2.0", "1.0.0", "1.0.0-rc.1+build.7",
                "1.0.0-rc.1+build.2", "1.0.0-rc.1", "1.0.0-beta.11", "1.0.0-beta.2", "1.0.0-alpha.beta", "1.0.0-alpha.1", "1.0.0-alpha", "0.0.1");
    }
}
