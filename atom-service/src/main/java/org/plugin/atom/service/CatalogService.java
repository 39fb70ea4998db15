package org.plugin.atom.service;

import static org.plugin.atom.service.CatalogMapper.as;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.plugin.atom.api.AtomDtos.AtomDetail;
import org.plugin.atom.api.AtomDtos.AtomSummary;
import org.plugin.atom.api.AtomDtos.ContributorRef;
import org.plugin.atom.api.AtomDtos.Kind;
import org.plugin.atom.api.AtomDtos.Lifecycle;
import org.plugin.atom.api.AtomDtos.RatingSummary;
import org.plugin.atom.api.AtomDtos.SearchPage;
import org.plugin.atom.api.AtomDtos.SearchRequest;
import org.plugin.atom.api.AtomDtos.State;
import org.plugin.atom.api.AtomDtos.VersionSummary;
import org.plugin.atom.api.AtomDtos.VersionView;
import org.plugin.atom.client.ContributorClient.ResolvedContributor;
import org.plugin.atom.config.AtomConfig;
import org.plugin.atom.repository.AtomRepository;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.CatalogQueries;
import org.plugin.atom.repository.CatalogQueries.SummaryRow;
import org.plugin.atom.repository.CatalogQueries.VersionRow;
import org.plugin.atom.repository.RestrictionRepository;
import org.plugin.atom.repository.VersionRepository;
import org.plugin.atom.repository.VersionRepository.VersionKey;
import org.plugin.atom.service.ContributorDirectory.PublicName;
import org.plugin.common.error.DomainException;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

/** Catalog reads: search and Atom pages, with contributors' names in one batched call per page. */
@ApplicationScoped
public class CatalogService {

    /** Newest first by semantic-version precedence, unparseable versions last. */
    private static final Comparator<SemanticVersion> NEWEST_FIRST_UNPARSEABLE_LAST = Comparator.nullsFirst(SemanticVersion.PRECEDENCE).reversed();

    private final CatalogQueries queries;
    private final ContributorDirectory directory;
    private final AtomRepository atoms;
    private final VersionRepository versions;
    private final RestrictionRepository restrictions;
    private final AtomConfig config;
    private final AccessRules access;

    CatalogService(CatalogQueries queries, ContributorDirectory directory, AtomRepository atoms, VersionRepository versions,
            RestrictionRepository restrictions, AtomConfig config, AccessRules access) {
        this.queries = queries;
        this.directory = directory;
        this.atoms = atoms;
        this.versions = versions;
        this.restrictions = restrictions;
        this.config = config;
        this.access = access;
    }

    /**
     * An Atom page; tombstones (REMOVED Atoms still used by chains) stay readable, marked REMOVED.
     * DRAFT versions are listed only for the owner (or their CI) and admins; asking who the caller
     * is happens only for an Atom that has drafts.
     */
    public AtomDetail detail(String name) {
        var found = queries.detail(name).orElseThrow(() -> DomainException.notFound("No Atom named '" + name + "'"));
        var a = found.atom();
        Map<UUID, PublicName> names = a.ownerRestricted() || a.ownerId() == null ? Map.of() : directory.names(List.of(a.ownerId()));
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            distribution.put(String.valueOf(i + 1), a.stars()[i]);
        }
        boolean drafts = found.versions().stream().anyMatch(v -> v.state() == AtomVersion.State.DRAFT) && access.maySeeDrafts(a.ownerId());
        List<VersionRow> shown = found.versions().stream().filter(v -> drafts || v.state() != AtomVersion.State.DRAFT).toList();
        List<VersionSummary> versionList = SemanticVersion.sortedByVersion(shown, VersionRow::version, NEWEST_FIRST_UNPARSEABLE_LAST).stream()
                .map(v -> new VersionSummary(v.version(), as(State.class, v.state()), v.createdAt(), v.publishedAt(), v.deprecatedAt()))
                .toList();
        return new AtomDetail(a.name(), a.displayName(), a.summary(), a.description(), as(Kind.class, a.kind()), a.category(), a.tags(),
                a.license(), a.sourceUrl(), a.documentationUrl(), as(Lifecycle.class, a.lifecycle()),
                owner(a.ownerId(), a.ownerRestricted(), names), a.ownerRestricted(), a.latestVersion(),
                new RatingSummary(a.ratingCount(), a.ratingAverage(), distribution), versionList, a.createdAt(), a.updatedAt(),
                a.deprecatedAt(), a.removedAt());
    }

    /**
     * A page of search hits. A contributor filter by account name asks contributor-service first (503
     * when it does not answer); an unknown or restricted contributor has no hits.
     */
    public SearchPage search(SearchRequest request, PageRequest page) {
        UUID owner = null;
        String contributor = QueryValues.text(request.contributor());
        if (contributor != null) {
            owner = SearchCriteria.contributorId(contributor)
                    .or(() -> directory.byAccountName(contributor).map(ResolvedContributor::id)).orElse(null);
            if (owner == null) {
                return empty(page);
            }
        }
        var criteria = SearchCriteria.of(request, owner, page, config.search().maxRanked());
        if (owner != null && restrictions.isRestricted(owner)) {
            return empty(page);
        }
        var result = queries.search(criteria.filter(), criteria.sort(), page.limit(), page.offset(), config.search().maxRanked(),
                config.search().maxCounted());
        List<UUID> owners = result.rows().stream().filter(r -> !r.ownerRestricted()).map(SummaryRow::ownerId).filter(Objects::nonNull)
                .distinct().toList();
        Map<UUID, PublicName> names = owners.isEmpty() ? Map.of() : directory.names(owners);
        List<AtomSummary> items = result.rows().stream().map(r -> new AtomSummary(r.name(), r.displayName(), r.summary(),
                as(Kind.class, r.kind()), r.category(), r.tags(), r.license(), as(Lifecycle.class, r.lifecycle()), r.latestVersion(),
                owner(r.ownerId(), r.ownerRestricted(), names), r.ownerRestricted(), r.ratingCount(), r.ratingAverage(), r.createdAt(),
                r.updatedAt(), r.rank())).toList();
        return new SearchPage(items, result.total(), result.totalIsLowerBound(), page.limit(), page.offset(),
                result.more() ? page.offset() + items.size() : null);
    }

    /** No hits (an unknown or restricted contributor filter). */
    private static SearchPage empty(PageRequest page) {
        return new SearchPage(List.of(), 0, false, page.limit(), page.offset(), null);
    }

    /** The owner as pages show them: nothing while restricted, the id with whatever names are known otherwise. */
    static ContributorRef owner(UUID ownerId, boolean restricted, Map<UUID, PublicName> names) {
        if (ownerId == null || restricted) {
            return null;
        }
        PublicName n = names.get(ownerId);
        return n == null ? new ContributorRef(ownerId, null, null, null) : new ContributorRef(ownerId, n.accountName(), n.firstName(), n.lastName());
    }

    /** An Atom's versions, newest first; DRAFT ones only for the owner (or their CI) and admins. */
    public Page<VersionView> versions(String name, PageRequest page) {
        var atom = atoms.findByName(name).orElseThrow(() -> DomainException.notFound("No Atom named '" + name + "'"));
        // sorted and filtered on their keys; only the page's versions are loaded in full (a pipeline's Atom has thousands)
        var keys = versions.keysByAtom(atom.id);
        if (keys.stream().anyMatch(k -> k.state() == AtomVersion.State.DRAFT) && !access.maySeeDrafts(atom.ownerId)) {
            keys = keys.stream().filter(k -> k.state() != AtomVersion.State.DRAFT).toList();
        }
        var sorted = SemanticVersion.sortedByVersion(keys, VersionKey::version, CatalogMapper.NEWEST_FIRST);
        var shown = sorted.stream().skip(page.offset()).limit(page.limit()).toList();
        Map<UUID, AtomVersion> loaded = versions.readByIds(shown.stream().map(VersionKey::id).toList()).stream()
                .collect(Collectors.toMap(v -> v.id, v -> v));
        // a version gone between the two reads (an erasure, a removal) is left out of the page
        var items = shown.stream().map(k -> loaded.get(k.id())).filter(Objects::nonNull).map(v -> CatalogMapper.view(atom.name, v)).toList();
        return Page.of(items, sorted.size(), page);
    }

    /** One version; a DRAFT is a 404 for anyone but the owner (or their CI) and admins, as if it did not exist. */
    public VersionView version(String name, String version) {
        var atom = atoms.findByName(name).orElseThrow(() -> DomainException.notFound("No Atom named '" + name + "'"));
        return versions.find(atom.id, version).filter(v -> v.state != AtomVersion.State.DRAFT || access.maySeeDrafts(atom.ownerId))
                .map(v -> CatalogMapper.view(atom.name, v))
                .orElseThrow(() -> DomainException.notFound("Atom '" + name + "' has no version " + RegistrationService.abbreviate(version)));
    }
}
