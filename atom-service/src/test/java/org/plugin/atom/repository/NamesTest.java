package org.plugin.atom.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plugin.atom.api.AtomDtos;

/** Text from a path that cannot be a name never reaches the database; a name the API accepts always does. */
class NamesTest {

    @Test
    void theRepositoriesAcceptExactlyTheNamesTheApiValidates() {
        assertThat(AtomRepository.NAME_PATTERN).isEqualTo(AtomDtos.SLUG);
    }

    @Test
    void hostileTextNamesNothing() {
        assertThat(AtomRepository.possibleName("fast-router")).isTrue();
        assertThat(AtomRepository.possibleName("a\u0000b")).isFalse();
        assertThat(AtomRepository.possibleName("-router")).isFalse();
        assertThat(AtomRepository.possibleName("Router")).isFalse();
        assertThat(AtomRepository.possibleName("r".repeat(65))).isFalse();
        assertThat(AtomRepository.possibleName(null)).isFalse();
    }
}
