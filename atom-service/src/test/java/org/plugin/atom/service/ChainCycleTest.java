package org.plugin.atom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChainCycleTest {

    static Map<String, List<String>> edges(String... pairs) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] p = pair.split(">");
            edges.computeIfAbsent(p[0], k -> new java.util.ArrayList<>()).add(p[1]);
        }
        return edges;
    }

    @Test
    void acyclicGraphsHaveNoCycle() {
        assertThat(ChainRules.findCycle(edges())).isNull();
        assertThat(ChainRules.findCycle(edges("a>b", "b>c", "a>c", "c>d"))).isNull();
    }

    @Test
    void findsSelfLoopsAndLongCycles() {
        assertThat(ChainRules.findCycle(edges("a>a"))).containsExactly("a", "a");
        assertThat(ChainRules.findCycle(edges("x>a", "a>b", "b>c", "c>a"))).containsExactly("a", "b", "c", "a");
    }
}
