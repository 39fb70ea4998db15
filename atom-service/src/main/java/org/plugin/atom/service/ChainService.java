package org.plugin.atom.service;

import static org.plugin.atom.service.CatalogMapper.as;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.atom.api.AtomDtos;
import org.plugin.atom.api.ChainDtos.ChainCreate;
import org.plugin.atom.api.ChainDtos.ChainSummary;
import org.plugin.atom.api.ChainDtos.ChainView;
import org.plugin.atom.api.ChainDtos.Endpoint;
import org.plugin.atom.api.ChainDtos.LinkSpec;
import org.plugin.atom.api.ChainDtos.LinkView;
import org.plugin.atom.api.ChainDtos.NodeSpec;
import org.plugin.atom.api.ChainDtos.NodeView;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.Atom.Lifecycle;
import org.plugin.atom.repository.AtomRepository;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.Chain;
import org.plugin.atom.repository.ChainLink;
import org.plugin.atom.repository.ChainNode;
import org.plugin.atom.repository.ChainRepository;
import org.plugin.atom.repository.DuplicateKey;
import org.plugin.atom.repository.RestrictionRepository;
import org.plugin.atom.repository.VersionRepository;
import org.plugin.atom.service.ChainRules.Resolved;
import org.plugin.atom.service.ContributorDirectory.PublicName;
import org.plugin.common.error.DomainException;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

/**
 * VNF chains: creation (checked by {@link ChainRules} over the Atoms it uses, share-locked until the
 * chain is stored), pages, lists and deletion.
 */
@ApplicationScoped
public class ChainService {

    private final ChainRepository chains;
    private final AtomRepository atoms;
    private final VersionRepository versions;
    private final RestrictionRepository restrictions;
    private final AtomService atomService;
    private final AccessRules access;
    private final ContributorDirectory directory;
    private final PlatformClock clock;

    ChainService(ChainRepository chains, AtomRepository atoms, VersionRepository versions, RestrictionRepository restrictions,
            AtomService atomService, AccessRules access, ContributorDirectory directory, PlatformClock clock) {
        this.chains = chains;
        this.atoms = atoms;
        this.versions = versions;
        this.restrictions = restrictions;
        this.atomService = atomService;
        this.access = access;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Creates a chain owned by the caller. The Atoms it uses are share-locked until the chain is
     * stored, so that none is removed (or its version deprecated) in between.
     */
    @Transactional
    public void create(ChainCreate request) {
        Actor who = access.asContributor();
        List<Atom> used = atoms.shareByNames(ChainRules.atomNames(request));
        Map<String, Resolved> nodes = ChainRules.check(request, used, versions.findByAtoms(used.stream().map(a -> a.id).toList()),
                atom -> access.maySeeDraftsWhenChaining(atom.ownerId, who));
        if (chains.findByName(request.name()).isPresent()) {
            throw DomainException.conflict("The chain name '" + request.name() + "' is taken");
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
            chains.insert(chain);
        } catch (DuplicateKey e) {
            throw DomainException.conflict("The chain name '" + request.name() + "' is taken");
        }
        int position = 0;
        for (NodeSpec spec : request.nodes()) {
            var node = new ChainNode();
            node.key = new ChainNode.Key(chain.id, spec.key());
            node.versionId = nodes.get(spec.key()).version().id;
            node.position = position++;
            chains.addNode(node);
        }
        position = 0;
        for (LinkSpec spec : ChainRules.links(request)) {
            var link = new ChainLink();
            link.key = new ChainLink.Key(chain.id, position++);
            link.fromNode = spec.from().node();
            link.fromPoint = spec.from().point();
            link.toNode = spec.to().node();
            link.toPoint = spec.to().point();
            chains.addLink(link);
        }
    }

    public ChainView view(String name) {
        Chain chain = chains.findByName(name).orElseThrow(() -> DomainException.notFound("No chain named '" + name + "'"));
        List<ChainNode> nodes = chains.nodes(chain.id);
        Map<UUID, AtomVersion> versionsById = new HashMap<>();
        versions.listByIds(nodes.stream().map(n -> n.versionId).toList()).forEach(v -> versionsById.put(v.id, v));
        Map<UUID, Atom> atomsById = new HashMap<>();
        atoms.listByIds(versionsById.values().stream().map(v -> v.atomId).distinct().toList()).forEach(a -> atomsById.put(a.id, a));
        Map<String, AtomVersion> byKey = new HashMap<>();
        List<NodeView> nodeViews = new ArrayList<>();
        for (ChainNode n : nodes) {
            AtomVersion v = versionsById.get(n.versionId);
            Atom a = atomsById.get(v.atomId);
            byKey.put(n.key.nodeKey(), v);
            nodeViews.add(new NodeView(n.key.nodeKey(), a.name, v.version, a.displayName, as(AtomDtos.Lifecycle.class, a.lifecycle),
                    as(AtomDtos.State.class, v.state), a.lifecycle == Lifecycle.REMOVED));
        }
        List<LinkView> linkViews = chains.links(chain.id).stream().map(l -> new LinkView(new Endpoint(l.fromNode, l.fromPoint),
                new Endpoint(l.toNode, l.toPoint), protocol(byKey.get(l.fromNode), l.fromPoint))).toList();
        boolean intact = nodeViews.stream().noneMatch(n -> n.removed() || n.versionState() != AtomDtos.State.PUBLISHED
                || n.atomLifecycle() != AtomDtos.Lifecycle.ACTIVE);
        boolean restricted = restrictions.isRestricted(chain.ownerId);
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
        if (owner != null && restrictions.isRestricted(owner)) {
            return Page.of(List.of(), 0, page);
        }
        var listing = chains.list(atomName, owner, page.limit(), page.offset());
        List<Chain> found = listing.chains();
        Map<UUID, Long> nodeCounts = new HashMap<>();
        chains.nodes(found.stream().map(c -> c.id).toList()).forEach(n -> nodeCounts.merge(n.key.chainId(), 1L, Long::sum));
        Set<UUID> owners = new HashSet<>();
        found.stream().map(c -> c.ownerId).filter(Objects::nonNull).forEach(owners::add);
        Set<UUID> restricted = restrictions.restrictedAmong(owners);
        owners.removeAll(restricted);
        Map<UUID, PublicName> names = owners.isEmpty() ? Map.of() : directory.names(owners);
        List<ChainSummary> items = found.stream().map(c -> new ChainSummary(c.name, c.description,
                CatalogService.owner(c.ownerId, restricted.contains(c.ownerId), names), restricted.contains(c.ownerId),
                nodeCounts.getOrDefault(c.id, 0L).intValue(), c.createdAt)).toList();
        return Page.of(items, listing.total(), page);
    }

    /** The owner or an admin deletes a chain; tombstones it alone kept alive are purged. */
    @Transactional
    public void delete(String name) {
        access.resolveBeforeLocking();
        Chain chain = chains.lockByName(name).orElseThrow(() -> DomainException.notFound("No chain named '" + name + "'"));
        Actor who = access.requireOwnerOrAdmin(chain.ownerId, "chain '" + name + "'", "delete it");
        List<UUID> versionIds = chains.nodes(chain.id).stream().map(n -> n.versionId).toList();
        List<UUID> atomIds = versionIds.isEmpty() ? List.of()
                : versions.listByIds(versionIds).stream().map(v -> v.atomId).distinct().toList();
        chains.delete(chain);
        chains.flush();
        atomService.purgeUnusedTombstones(atomIds, who);
    }
}
