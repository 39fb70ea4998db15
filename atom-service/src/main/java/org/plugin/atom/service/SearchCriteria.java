package org.plugin.atom.service;

import static org.plugin.atom.service.CatalogMapper.as;
import static org.plugin.atom.service.QueryValues.enumValue;
import static org.plugin.atom.service.QueryValues.text;

import java.util.Optional;
import java.util.UUID;

import org.plugin.atom.api.AtomDtos.Kind;
import org.plugin.atom.api.AtomDtos.Lifecycle;
import org.plugin.atom.api.AtomDtos.SearchRequest;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.CatalogQueries.Filter;
import org.plugin.atom.repository.CatalogQueries.Sort;
import org.plugin.common.error.DomainException;
import org.plugin.common.web.PageRequest;

/**
 * A search request in the catalog's terms: filters and sort read, the default sort chosen (relevance
 * with a text, name without) and the bounds checked, all before anything is read. A contributor
 * given by account name is resolved by the caller first (that takes contributor-service).
 */
record SearchCriteria(Filter filter, Sort sort) {

    /** The request with its contributor filter already resolved to {@code owner} (null: no such filter). */
    static SearchCriteria of(SearchRequest request, UUID owner, PageRequest page, int maxRanked) {
        var filter = new Filter(text(request.q()), as(Atom.Kind.class, enumValue(Kind.class, "kind", request.kind())), text(request.tag()),
                text(request.category()), owner, as(Atom.Lifecycle.class, enumValue(Lifecycle.class, "lifecycle", request.lifecycle())));
        Sort sort = enumValue(Sort.class, "sort", request.sort());
        Sort effective = sort != null ? sort : filter.text() != null ? Sort.RELEVANCE : Sort.NAME;
        if (effective == Sort.RELEVANCE && filter.text() == null) {
            throw DomainException.invalid("sort=relevance needs a search text q");
        }
        if (filter.lifecycle() == Atom.Lifecycle.REMOVED) {
            throw DomainException.invalid("Removed Atoms are not searchable; lifecycle must be ACTIVE or DEPRECATED");
        }
        if (effective == Sort.RELEVANCE && page.offset() >= maxRanked) {
            throw DomainException.invalid("A search sorted by relevance serves its " + maxRanked + " best hits, so offset must be below "
                    + maxRanked + "; narrow the search (more words, or a kind, tag, category or contributor filter), or sort by name, newest,"
                    + " updated or rating to page through every match");
        }
        return new SearchCriteria(filter, effective);
    }

    /** The contributor filter, stripped: null for none, an id, or (empty id) an account name to resolve. */
    static Optional<UUID> contributorId(String contributor) {
        try {
            return Optional.of(UUID.fromString(contributor));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
