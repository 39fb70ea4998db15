package org.plugin.privacy.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.common.web.Problems;
import org.plugin.privacy.client.ContributorClient;
import org.plugin.privacy.client.PeerException;
import org.plugin.privacy.client.Peers;
import org.plugin.privacy.repository.ContactRequest;
import org.plugin.privacy.repository.ContactRequestRepository;
import org.plugin.privacy.repository.ContactStatus;
import org.plugin.privacy.repository.Paging;
import org.plugin.privacy.rest.ContactDtos.AdminView;
import org.plugin.privacy.rest.ContactDtos.NewContact;
import org.plugin.privacy.rest.ContactDtos.ReceivedView;
import org.plugin.privacy.rest.ContactDtos.RequesterView;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Users asking the operator to liaise with a contributor. This service never holds the email:
 * admins relay (out of band, with the email they read in contributor-service) or decline.
 */
@ApplicationScoped
public class ContactService {

    private final ContactRequestRepository contacts;
    private final ContributorClient contributors;
    private final PlatformClock clock;

    ContactService(ContactRequestRepository contacts, @RestClient ContributorClient contributors, PlatformClock clock) {
        this.contacts = contacts;
        this.contributors = contributors;
        this.clock = clock;
    }

    public RequesterView create(Caller caller, NewContact body) {
        ContributorClient.Resolved target = resolveAccount(body.accountName());
        return QuarkusTransaction.requiringNew().call(() -> persist(caller, body, target));
    }

    private ContributorClient.Resolved resolveAccount(String accountName) {
        ContributorClient.Resolved target;
        try {
            target = Peers.call("contributor-service", () -> contributors.resolveAccountName(accountName));
        } catch (PeerException e) {
            if (e.notFound()) {
                throw Problems.notFound("No contributor named '" + accountName + "'");
            }
            throw Problems.unavailable("contributor-service cannot confirm the contributor now; nothing was recorded, retry later");
        }
        if (target == null || target.id() == null || (target.status() != null && !"ACTIVE".equals(target.status()))) {
            throw Problems.notFound("No active contributor named '" + accountName + "'");
        }
        if (Boolean.TRUE.equals(target.restricted())) {
            throw Problems.conflict("This contributor restricted the processing of their data; the operator cannot relay requests to them now");
        }
        return target;
    }

    private RequesterView persist(Caller caller, NewContact body, ContributorClient.Resolved target) {
        ContactRequest c = new ContactRequest();
        c.id = UUID.randomUUID();
        c.requesterSubject = caller.subject();
        c.targetContributorId = target.id();
        c.targetAccountName = body.accountName();
        c.message = body.message().strip();
        c.replyTo = body.replyTo() == null || body.replyTo().isBlank() ? null : body.replyTo().strip();
        c.status = ContactStatus.PENDING;
        c.createdAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        contacts.persist(c);
        return RequesterView.from(c);
    }

    @Transactional
    public Page<RequesterView> mine(String subject, PageRequest page) {
        return Paging.page(contacts.byRequester(subject), page).map(RequesterView::from);
    }

    @Transactional
    public RequesterView mineOne(String subject, UUID id) {
        return contacts.findByIdOptional(id).filter(c -> subject.equals(c.requesterSubject)).map(RequesterView::from)
                .orElseThrow(() -> Problems.notFound("No contact request " + id + " of yours"));
    }

    /** Requests relayed to the caller, when the caller is a contributor. */
    public Page<ReceivedView> received(String subject, PageRequest page) {
        UUID contributorId;
        try {
            contributorId = Peers.call("contributor-service", () -> contributors.resolveSubject(subject)).id();
        } catch (PeerException e) {
            if (e.notFound()) {
                return Page.of(java.util.List.of(), 0, page);
            }
            throw Problems.unavailable("contributor-service cannot tell who you are now; retry later");
        }
        UUID id = contributorId;
        return QuarkusTransaction.requiringNew().call(() -> Paging.page(contacts.relayedTo(id), page).map(ReceivedView::from));
    }

    @Transactional
    public Page<AdminView> search(ContactStatus status, PageRequest page) {
        return Paging.page(contacts.search(status), page).map(AdminView::from);
    }

    @Transactional
    public AdminView decide(Caller admin, UUID id, ContactStatus decision, String note) {
        ContactRequest c = contacts.findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Problems.notFound("No contact request " + id));
        if (c.status != ContactStatus.PENDING) {
            throw Problems.conflict("The contact request was already " + c.status);
        }
        if (c.message == null && decision == ContactStatus.RELAYED) {
            throw Problems.conflict("The contact request concerns an erased person; it can only be declined");
        }
        c.status = decision;
        c.decidedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        c.decidedBy = admin.adminName();
        c.decisionNote = note == null || note.isBlank() ? null : note.strip();
        return AdminView.from(c);
    }
}
