package org.plugin.atom.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.plugin.atom.api.ChainDtos.ChainCreate;
import org.plugin.atom.api.ChainDtos.ChainError;
import org.plugin.atom.api.ChainDtos.Endpoint;
import org.plugin.atom.api.ChainDtos.LinkSpec;
import org.plugin.atom.api.ChainDtos.NodeSpec;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.Atom.Lifecycle;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.AtomVersion.Direction;
import org.plugin.atom.repository.AtomVersion.State;
import org.plugin.common.error.DomainException;

/**
 * What a chain must be before it is stored, checked over the Atoms and versions its nodes name:
 * every reference (the version exists for the author and is published), every link (both
 * connection points exist, directions fit, protocols match) and the absence of cycles. Every failure
 * is collected with its own code and detail, and refused all at once.
 */
final class ChainRules {

    private ChainRules() {
    }

    /** A node's Atom and version. */
    record Resolved(Atom atom, AtomVersion version) {
    }

    /** The nodes by key, the first of each key (a repeated key is refused by {@link #check}). */
    static Map<String, NodeSpec> nodes(ChainCreate request) {
        Map<String, NodeSpec> specs = new LinkedHashMap<>();
        for (NodeSpec n : request.nodes()) {
            specs.putIfAbsent(n.key(), n);
        }
        return specs;
    }

    /** The names of the Atoms the nodes use: what to read (and share-lock) before {@link #check}. */
    static Set<String> atomNames(ChainCreate request) {
        Set<String> names = new HashSet<>();
        nodes(request).values().forEach(n -> names.add(n.atom()));
        return names;
    }

    static List<LinkSpec> links(ChainCreate request) {
        return request.links() == null ? List.of() : request.links();
    }

    /**
     * The nodes resolved to their versions, or invalid (400) listing every failure in {@code errors},
     * each with a code. {@code atoms} are those of {@link #atomNames} that exist, {@code versions} all
     * of theirs; another owner's DRAFT, unless {@code seesDrafts} says the author sees it, is reported
     * as an unknown version: drafts exist only for their owner (and admins).
     */
    static Map<String, Resolved> check(ChainCreate request, Collection<Atom> atoms, Collection<AtomVersion> versions,
            Predicate<Atom> seesDrafts) {
        List<ChainError> errors = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (NodeSpec n : request.nodes()) {
            if (!keys.add(n.key())) {
                errors.add(new ChainError("DUPLICATE_NODE", "The node key '" + n.key() + "' is used twice"));
            }
        }
        Map<String, NodeSpec> specs = nodes(request);
        Map<String, Atom> atomsByName = new HashMap<>();
        atoms.forEach(a -> atomsByName.put(a.name, a));
        Map<UUID, List<AtomVersion>> versionsByAtom = new HashMap<>();
        versions.forEach(v -> versionsByAtom.computeIfAbsent(v.atomId, k -> new ArrayList<>()).add(v));

        Map<String, Resolved> resolved = new LinkedHashMap<>();
        for (NodeSpec n : specs.values()) {
            Atom atom = atomsByName.get(n.atom());
            if (atom == null || atom.lifecycle == Lifecycle.REMOVED) {
                errors.add(new ChainError("UNKNOWN_ATOM", "Node '" + n.key() + "': there is no Atom named '" + n.atom() + "'"
                        + (atom != null ? " (it was removed)" : "")));
                continue;
            }
            boolean drafts = seesDrafts.test(atom);
            AtomVersion version = versionsByAtom.getOrDefault(atom.id, List.of()).stream().filter(v -> v.version.equals(n.version()))
                    .filter(v -> drafts || v.state != State.DRAFT).findFirst().orElse(null);
            if (version == null) {
                errors.add(new ChainError("UNKNOWN_VERSION", "Node '" + n.key() + "': Atom '" + n.atom() + "' has no version "
                        + RegistrationService.abbreviate(n.version())));
                continue;
            }
            if (version.state != State.PUBLISHED) {
                errors.add(new ChainError("VERSION_NOT_PUBLISHED", "Node '" + n.key() + "': version " + n.version() + " of Atom '" + n.atom()
                        + "' is " + version.state + "; chains may only use PUBLISHED versions"));
                continue;
            }
            resolved.put(n.key(), new Resolved(atom, version));
        }

        Set<String> linkKeys = new HashSet<>();
        Map<String, List<String>> edges = new LinkedHashMap<>();
        int index = 0;
        for (LinkSpec link : links(request)) {
            String where = "Link " + index++ + " (" + link.from().node() + "." + link.from().point() + " -> " + link.to().node() + "."
                    + link.to().point() + ")";
            if (!linkKeys.add(link.from().node() + "." + link.from().point() + ">" + link.to().node() + "." + link.to().point())) {
                errors.add(new ChainError("DUPLICATE_LINK", where + " is listed twice"));
                continue;
            }
            AtomVersion.ConnectionPoint from = point(link.from(), "from", where, specs, resolved, errors);
            AtomVersion.ConnectionPoint to = point(link.to(), "to", where, specs, resolved, errors);
            if (specs.containsKey(link.from().node()) && specs.containsKey(link.to().node())) {
                edges.computeIfAbsent(link.from().node(), k -> new ArrayList<>()).add(link.to().node());
            }
            if (from == null || to == null) {
                continue;
            }
            if (from.direction() == Direction.IN) {
                errors.add(new ChainError("DIRECTION_MISMATCH", where + ": connection point '" + from.name() + "' of node '"
                        + link.from().node() + "' is an input (IN); a link must start at an OUT or BIDIRECTIONAL point"));
            }
            if (to.direction() == Direction.OUT) {
                errors.add(new ChainError("DIRECTION_MISMATCH", where + ": connection point '" + to.name() + "' of node '"
                        + link.to().node() + "' is an output (OUT); a link must end at an IN or BIDIRECTIONAL point"));
            }
            if (!from.protocol().equalsIgnoreCase(to.protocol())) {
                errors.add(new ChainError("PROTOCOL_MISMATCH", where + ": protocols differ, " + from.protocol() + " on '" + link.from().node()
                        + "." + from.name() + "' and " + to.protocol() + " on '" + link.to().node() + "." + to.name() + "'"));
            }
        }
        List<String> cycle = findCycle(edges);
        if (cycle != null) {
            errors.add(new ChainError("CYCLE", "The links form a cycle: " + String.join(" -> ", cycle) + "; a chain must be acyclic"));
        }
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.get(0).detail()
                    : "The chain is invalid (" + errors.size() + " problems): " + errors.get(0).detail() + "; ...";
            List<Map<String, String>> list = errors.stream().map(e -> Map.of("code", e.code(), "detail", e.detail())).toList();
            throw DomainException.invalid(detail).with("errors", list);
        }
        return resolved;
    }

    private static AtomVersion.ConnectionPoint point(Endpoint end, String side, String where, Map<String, NodeSpec> specs,
            Map<String, Resolved> resolved, List<ChainError> errors) {
        if (!specs.containsKey(end.node())) {
            errors.add(new ChainError("UNKNOWN_NODE", where + ": the '" + side + "' node '" + end.node() + "' is not a node of this chain"));
            return null;
        }
        Resolved r = resolved.get(end.node());
        if (r == null) {
            return null; // its reference failed and was reported already
        }
        return r.version().connectionPoints.stream().filter(p -> p.name().equals(end.point())).findFirst().orElseGet(() -> {
            errors.add(new ChainError("UNKNOWN_CONNECTION_POINT", where + ": Atom '" + r.atom().name + "' " + r.version().version
                    + " (node '" + end.node() + "') has no connection point '" + end.point() + "'"));
            return null;
        });
    }

    /** A cycle as a path of node keys (first repeated at the end), or null. */
    static List<String> findCycle(Map<String, List<String>> edges) {
        Map<String, Integer> state = new HashMap<>(); // 1 on the stack, 2 done
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, edges, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        return null;
    }

    private static List<String> visit(String node, Map<String, List<String>> edges, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return null;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            List<String> cycle = visit(next, edges, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return null;
    }
}
