package org.plugin.privacy.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class DisclosureRepository implements PanacheRepositoryBase<Disclosure, UUID> {

    private static final Sort NEWEST_FIRST = Sort.descending("disclosedOn").and("id");

    /** The register, newest disclosure first, optionally only those about one contributor. */
    public Page<Disclosure> search(UUID contributorId, PageRequest page) {
        if (contributorId == null) {
            return Paging.page(findAll(NEWEST_FIRST), page);
        }
        return Paging.page(find("select d from Disclosure d where :id member of d.contributorIds", NEWEST_FIRST,
                Parameters.with("id", contributorId)), page);
    }

    /** What the subject's ACCESS export shows: disclosures about them not confidential by law. */
    public List<Disclosure> visibleTo(UUID contributorId) {
        return list("select d from Disclosure d where :id member of d.contributorIds and d.confidential = false",
                NEWEST_FIRST, Parameters.with("id", contributorId));
    }
}
