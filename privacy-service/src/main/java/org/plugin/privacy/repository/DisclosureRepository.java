package org.plugin.privacy.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class DisclosureRepository implements PanacheRepositoryBase<Disclosure, UUID> {

    public PanacheQuery<Disclosure> search(UUID contributorId) {
        Sort sort = Sort.descending("disclosedOn").and("id");
        if (contributorId == null) {
            return findAll(sort);
        }
        return find("select d from Disclosure d where :id member of d.contributorIds", sort,
                io.quarkus.panache.common.Parameters.with("id", contributorId));
    }

    /** What the subject's ACCESS export shows: disclosures about them not confidential by law. */
    public List<Disclosure> visibleTo(UUID contributorId) {
        return list("select d from Disclosure d where :id member of d.contributorIds and d.confidential = false",
                Sort.descending("disclosedOn").and("id"), io.quarkus.panache.common.Parameters.with("id", contributorId));
    }
}
