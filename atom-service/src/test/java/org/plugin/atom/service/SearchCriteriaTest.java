package org.plugin.atom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.plugin.atom.api.AtomDtos.SearchRequest;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.CatalogQueries.Filter;
import org.plugin.atom.repository.CatalogQueries.Sort;
import org.plugin.common.error.DomainException;
import org.plugin.common.web.PageRequest;

/** GET /api/atoms read into the catalog's terms, before anything is read. */
class SearchCriteriaTest {

    static final PageRequest FIRST = new PageRequest(20, 0);

    static SearchRequest query(String q, String kind, String lifecycle, String sort) {
        return new SearchRequest(q, kind, null, null, null, lifecycle, sort);
    }

    static String refusal(SearchRequest request, PageRequest page) {
        var refused = catchThrowableOfType(DomainException.class, () -> SearchCriteria.of(request, null, page, 200));
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID);
        return refused.detail();
    }

    @Test
    void aTextIsSortedByRelevanceAndNoTextByName() {
        assertThat(SearchCriteria.of(query(" 5g  router ", null, null, null), null, FIRST, 200).sort()).isEqualTo(Sort.RELEVANCE);
        assertThat(SearchCriteria.of(query("   ", null, null, null), null, FIRST, 200))
                .isEqualTo(new SearchCriteria(new Filter(null, null, null, null, null, null), Sort.NAME));
    }

    @Test
    void filtersAreReadInAnyCaseAndStripped() {
        UUID owner = UUID.randomUUID();
        var request = new SearchRequest(" router ", "Vnf", " 5g ", " networking ", "ignored: resolved by the caller", " deprecated ", "NEWEST");
        assertThat(SearchCriteria.of(request, owner, FIRST, 200)).isEqualTo(new SearchCriteria(
                new Filter("router", Atom.Kind.VNF, "5g", "networking", owner, Atom.Lifecycle.DEPRECATED), Sort.NEWEST));
    }

    @Test
    void anUnknownValueIsRefusedNamingEveryChoice() {
        assertThat(refusal(query(null, "app", null, null), FIRST)).isEqualTo("kind must be one of [component, vnf]");
        assertThat(refusal(query(null, null, "gone", null), FIRST)).isEqualTo("lifecycle must be one of [active, deprecated, removed]");
        assertThat(refusal(query(null, null, null, "stars"), FIRST)).isEqualTo("sort must be one of [relevance, name, newest, updated, rating]");
    }

    @Test
    void relevanceNeedsATextAndRemovedAtomsAreNotSearchable() {
        assertThat(refusal(query(null, null, null, "relevance"), FIRST)).isEqualTo("sort=relevance needs a search text q");
        assertThat(refusal(query("router", null, "removed", null), FIRST))
                .isEqualTo("Removed Atoms are not searchable; lifecycle must be ACTIVE or DEPRECATED");
    }

    @Test
    void aRelevanceSearchPagesOnlyThroughItsRankedHitsOtherSortsThroughEveryMatch() {
        assertThat(SearchCriteria.of(query("router", null, null, null), null, new PageRequest(20, 180), 200).sort()).isEqualTo(Sort.RELEVANCE);
        assertThat(refusal(query("router", null, null, null), new PageRequest(20, 200)))
                .startsWith("A search sorted by relevance serves its 200 best hits, so offset must be below 200; narrow the search");
        assertThat(SearchCriteria.of(query("router", null, null, "name"), null, new PageRequest(20, 5000), 200).sort()).isEqualTo(Sort.NAME);
    }

    @Test
    void aContributorIsAnIdOrAnAccountNameToResolve() {
        UUID id = UUID.randomUUID();
        assertThat(SearchCriteria.contributorId(id.toString())).contains(id);
        assertThat(SearchCriteria.contributorId("alice-martin")).isEmpty();
    }
}
