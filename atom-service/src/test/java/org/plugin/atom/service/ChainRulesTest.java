package org.plugin.atom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.plugin.atom.support.Catalog.atom;
import static org.plugin.atom.support.Catalog.both;
import static org.plugin.atom.support.Catalog.in;
import static org.plugin.atom.support.Catalog.out;
import static org.plugin.atom.support.Catalog.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.plugin.atom.api.ChainDtos.ChainCreate;
import org.plugin.atom.api.ChainDtos.Endpoint;
import org.plugin.atom.api.ChainDtos.LinkSpec;
import org.plugin.atom.api.ChainDtos.NodeSpec;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.AtomVersion.State;
import org.plugin.common.error.DomainException;

/** A chain's checks over the Atoms and versions its nodes name: every failure, each with its code, all at once. */
class ChainRulesTest {

    final UUID alice = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();
    final Atom firewall = atom("firewall", alice);
    final Atom balancer = atom("balancer", bob);
    final List<Atom> atoms = new ArrayList<>(List.of(firewall, balancer));
    final List<AtomVersion> versions = new ArrayList<>(List.of(
            version(firewall, "1.0.0", State.PUBLISHED, in("in", "HTTP"), out("out", "HTTP"), out("tunnel", "GTP-U")),
            version(firewall, "2.0.0-rc.1", State.DRAFT, in("in", "HTTP")),
            version(balancer, "1.0.0", State.PUBLISHED, in("in", "http"), out("out", "HTTP"), both("peer", "GRPC")),
            version(balancer, "1.1.0", State.DRAFT, in("in", "HTTP"))));

    static NodeSpec node(String key, String atom, String version) {
        return new NodeSpec(key, atom, version);
    }

    static LinkSpec link(String from, String fromPoint, String to, String toPoint) {
        return new LinkSpec(new Endpoint(from, fromPoint), new Endpoint(to, toPoint));
    }

    static ChainCreate chain(List<NodeSpec> nodes, List<LinkSpec> links) {
        return new ChainCreate("edge", null, nodes, links);
    }

    /** As alice creates it: she sees her own drafts, not bob's. */
    Map<String, ChainRules.Resolved> check(ChainCreate chain) {
        return ChainRules.check(chain, atoms, versions, atom -> alice.equals(atom.ownerId));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, String>> errors(ChainCreate chain) {
        var refused = catchThrowableOfType(DomainException.class, () -> check(chain));
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID);
        return (List<Map<String, String>>) refused.members().get("errors");
    }

    static List<String> codes(List<Map<String, String>> errors) {
        return errors.stream().map(e -> e.get("code")).toList();
    }

    @Test
    void aValidChainResolvesEveryNodeToItsVersion() {
        var resolved = check(chain(List.of(node("fw", "firewall", "1.0.0"), node("lb", "balancer", "1.0.0")),
                List.of(link("fw", "out", "lb", "in"))));
        assertThat(resolved).containsOnlyKeys("fw", "lb");
        assertThat(resolved.get("lb").version().version).isEqualTo("1.0.0");
        assertThat(resolved.get("lb").atom()).isSameAs(balancer);
    }

    @Test
    void protocolsMustMatchWhateverTheirCase() {
        check(chain(List.of(node("fw", "firewall", "1.0.0"), node("lb", "balancer", "1.0.0")), List.of(link("fw", "out", "lb", "in"))));
        var errors = errors(chain(List.of(node("fw", "firewall", "1.0.0"), node("lb", "balancer", "1.0.0")),
                List.of(link("fw", "tunnel", "lb", "peer"))));
        assertThat(codes(errors)).containsExactly("PROTOCOL_MISMATCH");
        assertThat(errors.get(0).get("detail"))
                .isEqualTo("Link 0 (fw.tunnel -> lb.peer): protocols differ, GTP-U on 'fw.tunnel' and GRPC on 'lb.peer'");
    }

    @Test
    void linksGoFromOutputsToInputs() {
        var errors = errors(chain(List.of(node("fw", "firewall", "1.0.0"), node("lb", "balancer", "1.0.0")),
                List.of(link("fw", "in", "lb", "out"))));
        assertThat(codes(errors)).containsExactly("DIRECTION_MISMATCH", "DIRECTION_MISMATCH");
        assertThat(errors.get(0).get("detail")).contains("'in' of node 'fw' is an input (IN)");
        assertThat(errors.get(1).get("detail")).contains("'out' of node 'lb' is an output (OUT)");
    }

    @Test
    void anotherOwnersDraftIsAnUnknownVersionAndOnesOwnDraftIsNotPublished() {
        var errors = errors(chain(List.of(node("a", "firewall", "2.0.0-rc.1"), node("b", "balancer", "1.1.0"), node("c", "balancer", "9.9.9")),
                List.of()));
        assertThat(codes(errors)).containsExactly("VERSION_NOT_PUBLISHED", "UNKNOWN_VERSION", "UNKNOWN_VERSION");
        assertThat(errors.get(0).get("detail")).isEqualTo(
                "Node 'a': version 2.0.0-rc.1 of Atom 'firewall' is DRAFT; chains may only use PUBLISHED versions");
        assertThat(errors.get(1).get("detail")).isEqualTo("Node 'b': Atom 'balancer' has no version 1.1.0");
    }

    @Test
    void unknownAndRemovedAtomsAreNamed() {
        balancer.lifecycle = Atom.Lifecycle.REMOVED;
        var errors = errors(chain(List.of(node("a", "router", "1.0.0"), node("b", "balancer", "1.0.0")), List.of()));
        assertThat(codes(errors)).containsExactly("UNKNOWN_ATOM", "UNKNOWN_ATOM");
        assertThat(errors.get(0).get("detail")).isEqualTo("Node 'a': there is no Atom named 'router'");
        assertThat(errors.get(1).get("detail")).isEqualTo("Node 'b': there is no Atom named 'balancer' (it was removed)");
    }

    @Test
    void repeatedKeysAndLinksAndDanglingEndsAreRefused() {
        var errors = errors(chain(List.of(node("fw", "firewall", "1.0.0"), node("fw", "balancer", "1.0.0"), node("lb", "balancer", "1.0.0")),
                List.of(link("fw", "out", "lb", "in"), link("fw", "out", "lb", "in"), link("fw", "out", "nowhere", "in"),
                        link("fw", "nothing", "lb", "in"))));
        assertThat(codes(errors)).containsExactly("DUPLICATE_NODE", "DUPLICATE_LINK", "UNKNOWN_NODE", "UNKNOWN_CONNECTION_POINT");
        assertThat(errors.get(3).get("detail")).isEqualTo(
                "Link 3 (fw.nothing -> lb.in): Atom 'firewall' 1.0.0 (node 'fw') has no connection point 'nothing'");
    }

    @Test
    void aCycleIsRefusedWithItsPath() {
        var errors = errors(chain(List.of(node("a", "balancer", "1.0.0"), node("b", "balancer", "1.0.0")),
                List.of(link("a", "out", "b", "in"), link("b", "out", "a", "in"))));
        assertThat(codes(errors)).containsExactly("CYCLE");
        assertThat(errors.get(0).get("detail")).isEqualTo("The links form a cycle: a -> b -> a; a chain must be acyclic");
    }

    @Test
    void everyFailureIsListedAndTheDetailSaysHowMany() {
        var refused = catchThrowableOfType(DomainException.class, () -> check(chain(
                List.of(node("a", "router", "1.0.0"), node("b", "balancer", "9.9.9")), List.of(link("a", "out", "c", "in")))));
        assertThat(refused.detail()).isEqualTo("The chain is invalid (3 problems): Node 'a': there is no Atom named 'router'; ...");
        assertThat(refused.members()).containsOnlyKeys("errors");
    }

    @Test
    void theAtomsToReadAreThoseOfTheFirstNodeOfEachKey() {
        var request = chain(List.of(node("a", "firewall", "1.0.0"), node("a", "router", "1.0.0"), node("b", "balancer", "1.0.0"),
                node("c", "balancer", "1.0.0")), null);
        assertThat(ChainRules.atomNames(request)).containsExactlyInAnyOrder("firewall", "balancer");
        assertThat(ChainRules.links(request)).isEmpty();
    }
}
