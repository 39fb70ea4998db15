package org.plugin.atom.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response.Status;

import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.Atom.Lifecycle;
import org.plugin.atom.repository.AtomRepository;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.AtomVersion.Direction;
import org.plugin.atom.repository.AtomVersion.State;
import org.plugin.atom.repository.Chain;
import org.plugin.atom.repository.ChainLink;
import org.plugin.atom.repository.ChainNode;
import org.plugin.atom.repository.ChainRepository;
import org.plugin.atom.repository.VersionRepository;
import org.plugin.atom.api.ChainDtos.ChainCreate;
import org.plugin.atom.api.ChainDtos.ChainError;
import org.plugin.atom.api.ChainDtos.ChainSummary;
import org.plugin.atom.api.ChainDtos.ChainView;
import org.plugin.atom.api.ChainDtos.Endpoint;
import org.plugin.atom.api.ChainDtos.LinkSpec;
import org.plugin.atom.api.ChainDtos.LinkView;
import org.plugin.atom.api.ChainDtos.NodeSpec;
import org.plugin.atom.api.ChainDtos.NodeView;
import org.plugin.atom.service.ContributorDirectory.PublicName;
import org.plugin.atom.service.CurrentActor.Actor;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.common.web.Problems;

import io.quarkiverse.resteasy.problem.HttpProblem;
import org.plugin.common.persistence.UniqueViolations;

/**
 * VNF chains. Creation validates every reference (the version exists and is published), every link
 * (both connection points exist, directions fit, protocols match) and the absence of cycles; each
 * failure is reported with its own code and detail, all of them at once.
 */
@ApplicationScoped
public class ChainService {

    private final ChainRepository chains;
    private final AtomRepository atoms;
    private final VersionRepository versions;
    private final AtomService atomService;
    private final CurrentActor actor;
    private final ContributorDirectory directory;
    private final PlatformClock clock;
    private final EntityManager em;

    ChainService(ChainRepository chains, AtomRepository atoms, VersionRepository versions, AtomService atomService, CurrentActor actor,
            ContributorDirectory directory, PlatformClock clock, EntityManager em) {
        this.chains = chains;
        this.atoms = atoms;
        this.versions = versions;
        this.atomService = atomService;
        this.actor = actor;
        this.directory = directory;
        this.clock = clock;
        this.em = em;
    }

    private record Resolved(Atom atom, AtomVersion version) {
    }

    @Transactional
    public Chain create(ChainCreate request) {
        Actor who = actor.asContributor();
        Map<String, Resolved> nodes = validate(request, who);
        if (chains.findByName(request.name()).isPresent()) {
            throw Problems.conflict("The chain name '" + request.name() + "' is taken");
        }
        Instant now = clock.instant();
        var chain = new Chain();
        chain.id = UUID.randomUUID();
        chain.name = request.name();
        chain.description = request.description() == null || request.description().isBlank() ? null : request.description().strip();
        chain.ownerId = who.contributorId();
        chain.createdAt = now;
        chain.updatedAt = now;
        try {
            chains.persist(chain);
            chains.flush();
        } catch (PersistenceException e) {
            if (UniqueViolations.isUniqueViolation(e, "chain_name_uk")) {
                throw Problems.conflict("The chain name '" + request.name() + "' is taken");
            }
            throw e;
        }
        int position = 0;
        for (NodeSpec spec : request.nodes()) {
            var node = new ChainNode();
            node.key = new ChainNode.Key(chain.id, spec.key());
            node.versionId = nodes.get(spec.key()).version().id;
            node.position = position++;
            em.persist(node);
        }
        position = 0;
        for (LinkSpec spec : links(request)) {
            var link = new ChainLink();
            link.key = new ChainLink.Key(chain.id, position++);
            link.fromNode = spec.from().node();
            link.fromPoint = spec.from().point();
            link.toNode = spec.to().node();
            link.toPoint = spec.to().point();
            em.persist(link);
        }
        return chain;
    }

    private static List<LinkSpec> links(ChainCreate request) {
        return request.links() == null ? List.of() : request.links();
    }

    /**
     * Every check, every failure collected; 400 listing them (each with a code) when any fails. The
     * referenced Atoms are share-locked until the chain is stored, so that none is removed (or its
     * version deprecated) in between. Another owner's DRAFT is reported as an unknown version:
     * drafts exist only for their owner (and admins).
     */
    Map<String, Resolved> validate(ChainCreate request, Actor who) {
        List<ChainError> errors = new ArrayList<>();
        Map<String, NodeSpec> specs = new LinkedHashMap<>();
        for (NodeSpec n : request.nodes()) {
            if (specs.putIfAbsent(n.key(), n) != null) {
                errors.add(new ChainError("DUPLICATE_NODE", "The node key '" + n.key() + "' is used twice"));
            }
        }
        Set<String> names = new HashSet<>();
        specs.values().forEach(n -> names.add(n.atom()));
        Map<String, Atom> atomsByName = new HashMap<>();
        atoms.shareByNames(names).forEach(a -> atomsByName.put(a.name, a));
        Map<UUID, List<AtomVersion>> versionsByAtom = new HashMap<>();
        versions.findByAtoms(atomsByName.values().stream().map(a -> a.id).toList())
                .forEach(v -> versionsByAtom.computeIfAbsent(v.atomId, k -> new ArrayList<>()).add(v));

        Map<String, Resolved> resolved = new LinkedHashMap<>();
        for (NodeSpec n : specs.values()) {
            Atom atom = atomsByName.get(n.atom());
            if (atom == null || atom.lifecycle == Lifecycle.REMOVED) {
                errors.add(new ChainError("UNKNOWN_ATOM", "Node '" + n.key() + "': there is no Atom named '" + n.atom() + "'"
                        + (atom != null ? " (it was removed)" : "")));
                continue;
            }
            boolean drafts = actor.isAdmin() || Objects.equals(atom.ownerId, who.contributorId());
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
            throw HttpProblem.builder().withStatus(Status.BAD_REQUEST).withTitle("Bad Request").withDetail(detail).with("errors", list).build();
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

    public ChainView view(String name) {
        Chain chain = chains.findByName(name).orElseThrow(() -> Problems.notFound("No chain named '" + name + "'"));
        List<ChainNode> nodes = chains.nodes(chain.id);
        Map<UUID, AtomVersion> versionsById = new HashMap<>();
        versions.list("id in ?1", nodes.stream().map(n -> n.versionId).toList()).forEach(v -> versionsById.put(v.id, v));
        Map<UUID, Atom> atomsById = new HashMap<>();
        atoms.list("id in ?1", versionsById.values().stream().map(v -> v.atomId).distinct().toList()).forEach(a -> atomsById.put(a.id, a));
        Map<String, AtomVersion> byKey = new HashMap<>();
        List<NodeView> nodeViews = new ArrayList<>();
        for (ChainNode n : nodes) {
            AtomVersion v = versionsById.get(n.versionId);
            Atom a = atomsById.get(v.atomId);
            byKey.put(n.key.nodeKey(), v);
            nodeViews.add(new NodeView(n.key.nodeKey(), a.name, v.version, a.displayName, a.lifecycle, v.state, a.lifecycle == Lifecycle.REMOVED));
        }
        List<LinkView> linkViews = chains.links(chain.id).stream().map(l -> new LinkView(new Endpoint(l.fromNode, l.fromPoint),
                new Endpoint(l.toNode, l.toPoint), protocol(byKey.get(l.fromNode), l.fromPoint))).toList();
        boolean intact = nodeViews.stream().noneMatch(n -> n.removed() || n.versionState() != State.PUBLISHED || n.atomLifecycle() != Lifecycle.ACTIVE);
        boolean restricted = atoms.isRestricted(chain.ownerId);
        Map<UUID, PublicName> names = restricted || chain.ownerId == null ? Map.of() : directory.names(List.of(chain.ownerId));
        return new ChainView(chain.name, chain.description, CatalogService.owner(chain.ownerId, restricted, names), restricted, intact,
                nodeViews, linkViews, chain.createdAt, chain.updatedAt);
    }

    private static String protocol(AtomVersion v, String point) {
        return v == null ? null : v.connectionPoints.stream().filter(p -> p.name().equals(point)).map(AtomVersion.ConnectionPoint::protocol)
                .findFirst().orElse(null);
    }

    /** Chains, newest first; optionally those using an Atom, or those of an owner. */
    public Page<ChainSummary> list(String atomName, UUID owner, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (atomName != null) {
            where.append(" and exists (select 1 from ChainNode n, AtomVersion v, Atom a where n.key.chainId = c.id and n.versionId = v.id"
                    + " and v.atomId = a.id and a.name = :atom)");
            params.put("atom", atomName);
        }
        if (owner != null) {
            if (atoms.isRestricted(owner)) {
                return Page.of(List.of(), 0, page);
            }
            where.append(" and c.ownerId = :owner");
            params.put("owner", owner);
        }
        var query = em.createQuery("from Chain c where " + where + " order by c.createdAt desc, c.id", Chain.class);
        var count = em.createQuery("select count(c) from Chain c where " + where, Long.class);
        params.forEach((k, v) -> {
            query.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<Chain> found = query.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        Map<UUID, Long> nodeCounts = new HashMap<>();
        chains.nodes(found.stream().map(c -> c.id).toList()).forEach(n -> nodeCounts.merge(n.key.chainId(), 1L, Long::sum));
        Set<UUID> owners = new HashSet<>();
        found.stream().map(c -> c.ownerId).filter(Objects::nonNull).forEach(owners::add);
        Set<UUID> restricted = atoms.restrictedAmong(owners);
        owners.removeAll(restricted);
        Map<UUID, PublicName> names = owners.isEmpty() ? Map.of() : directory.names(owners);
        List<ChainSummary> items = found.stream().map(c -> new ChainSummary(c.name, c.description,
                CatalogService.owner(c.ownerId, restricted.contains(c.ownerId), names), restricted.contains(c.ownerId),
                nodeCounts.getOrDefault(c.id, 0L).intValue(), c.createdAt)).toList();
        return Page.of(items, count.getSingleResult(), page);
    }

    /** The owner or an admin deletes a chain; tombstones it alone kept alive are purged. */
    @Transactional
    public void delete(String name) {
        actor.resolveBeforeLocking();
        Chain chain = chains.lockByName(name).orElseThrow(() -> Problems.notFound("No chain named '" + name + "'"));
        Actor who = actor.requireOwnerOrAdmin(chain.ownerId, "chain '" + name + "'", "delete it");
        List<UUID> versionIds = chains.nodes(chain.id).stream().map(n -> n.versionId).toList();
        List<UUID> atomIds = versionIds.isEmpty() ? List.of()
                : versions.list("id in ?1", versionIds).stream().map(v -> v.atomId).distinct().toList();
        chains.delete(chain);
        chains.flush();
        atomService.purgeUnusedTombstones(atomIds, who);
    }
}
