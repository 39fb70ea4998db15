package org.plugin.privacy.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ContactRequestRepository implements PanacheRepositoryBase<ContactRequest, UUID> {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt").and("id", Sort.Direction.Descending);

    public PanacheQuery<ContactRequest> byRequester(String subject) {
        return find("requesterSubject", NEWEST_FIRST, subject);
    }

    public PanacheQuery<ContactRequest> relayedTo(UUID contributorId) {
        return find("targetContributorId = ?1 and status = ?2", NEWEST_FIRST, contributorId, ContactRequest.Status.RELAYED);
    }

    public PanacheQuery<ContactRequest> search(ContactRequest.Status status) {
        return status == null ? findAll(Sort.by("createdAt").and("id")) : find("status", Sort.by("createdAt").and("id"), status);
    }
}
