package org.plugin.privacy.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ContactRequestRepository implements PanacheRepositoryBase<ContactRequest, UUID> {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
    private static final Sort OLDEST_FIRST = Sort.by("createdAt").and("id");

    /** The request, row-locked until the transaction ends. */
    public Optional<ContactRequest> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** What {@code subject} sent, newest first. */
    public Page<ContactRequest> sentBy(String subject, PageRequest page) {
        return Paging.page(find("requesterSubject", NEWEST_FIRST, subject), page);
    }

    public List<ContactRequest> allSentBy(String subject) {
        return list("requesterSubject", NEWEST_FIRST, subject);
    }

    /** What the operator relayed to the contributor, newest first. */
    public Page<ContactRequest> relayedTo(UUID contributorId, PageRequest page) {
        return Paging.page(find("targetContributorId = ?1 and status = ?2", NEWEST_FIRST, contributorId, ContactRequest.Status.RELAYED), page);
    }

    public List<ContactRequest> allRelayedTo(UUID contributorId) {
        return list("targetContributorId = ?1 and status = ?2", NEWEST_FIRST, contributorId, ContactRequest.Status.RELAYED);
    }

    /** The admins' list, oldest first, optionally in one status. */
    public Page<ContactRequest> search(ContactRequest.Status status, PageRequest page) {
        return Paging.page(status == null ? findAll(OLDEST_FIRST) : find("status", OLDEST_FIRST, status), page);
    }

    /** Drops the free text of the requests sent to an erased contributor (the requesters' messages, replies, notes). */
    public void eraseTextTo(UUID contributorId) {
        // SQL, not HQL: Hibernate translates an HQL update again at every call (it keeps no plan of one)
        getEntityManager().createNativeQuery("UPDATE contact_request SET message = NULL, reply_to = NULL, decision_note = NULL "
                + "WHERE target_contributor_id = ?1").setParameter(1, contributorId).executeUpdate();
    }

    /** Drops the requester and the free text of what an erased person sent. */
    public void eraseSentBy(String subject) {
        getEntityManager().createNativeQuery("UPDATE contact_request SET requester_subject = NULL, message = NULL, reply_to = NULL, "
                + "decision_note = NULL WHERE requester_subject = ?1").setParameter(1, subject).executeUpdate();
    }
}
