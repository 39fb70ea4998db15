package org.plugin.atom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SemanticVersionTest {

    @Test
    void parsesOnlySemanticVersions() {
        assertThat(SemanticVersion.parse("1.2.3")).isNotNull();
        assertThat(SemanticVersion.parse("1.0.0-alpha.1+build.5")).isNotNull();
        for (String bad : List.of("1.2", "01.2.3", "1.2.3-", "1.2.3+", "v1.2.3", "1.2.3-01", " 1.2.3", "1.2.3\n", "1".repeat(129))) {
            assertThat(SemanticVersion.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void ordersByPrecedence() {
        // the example order of semver.org, section 11
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "2.0.0");
        List<String> shuffled = new java.util.ArrayList<>(ordered);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        assertThat(shuffled.stream().map(SemanticVersion::parse).sorted().map(SemanticVersion::text).toList()).isEqualTo(ordered);
    }
}
