package org.plugin.privacy.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
    private final AccountNames names;
    private final PlatformClock clock;

    ContactService(ContactRequestRepository contacts, @RestClient ContributorClient contributors, AccountNames names, PlatformClock clock) {
        this.contacts = contacts;
        this.contributors = contributors;
        this.names = names;
        this.clock = clock;
    }

    public RequesterView create(Caller caller, NewContact body) {
        ContributorClient.Resolved target = resolveAccount(body.accountName());
        ContactRequest created = QuarkusTransaction.requiringNew().call(() -> persist(caller, body, target));
        return RequesterView.from(created, body.accountName());
    }

    private ContributorClient.Resolved resolveAccount(String accountName) {
        ContributorClient.Resolved target;
        try {
            target = Peers.call("contributor-service", () -> contributors.resolveAccountName(accountName));
        } catch (PeerException e) {
            if (e.notFound()) {
                // never the name asked: problem details are logged, and any user can send any text here
                throw Problems.notFound("No contributor with this account name");
            }
            throw Problems.unavailable("contributor-service cannot confirm the contributor now; nothing was recorded, retry later");
        }
        if (target == null || target.id() == null || (target.status() != null && !"ACTIVE".equals(target.status()))) {
            throw Problems.notFound("No active contributor with this account name");
        }
        if (Boolean.TRUE.equals(target.restricted())) {
            throw Problems.conflict("This contributor restricted the processing of their data; the operator cannot relay requests to them now");
        }
        return target;
    }

    private ContactRequest persist(Caller caller, NewContact body, ContributorClient.Resolved target) {
        ContactRequest c = new ContactRequest();
        c.id = UUID.randomUUID();
        c.requesterSubject = caller.subject();
        c.targetContributorId = target.id();
        c.message = body.message().strip();
        c.replyTo = body.replyTo() == null || body.replyTo().isBlank() ? null : body.replyTo().strip();
        c.status = ContactStatus.PENDING;
        c.createdAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        contacts.persist(c);
        return c;
    }

    /** The caller's contact requests; the contributors' account names are read afterwards, outside the transaction. */
    public Page<RequesterView> mine(String subject, PageRequest page) {
        Page<ContactRequest> found = QuarkusTransaction.requiringNew().call(() -> Paging.page(contacts.byRequester(subject), page));
        Map<UUID, String> accountNames = names.of(found.items().stream().map(c -> c.targetContributorId).toList());
        return found.map(c -> RequesterView.from(c, accountNames.get(c.targetContributorId)));
    }

    public RequesterView mineOne(String subject, UUID id) {
        ContactRequest c = QuarkusTransaction.requiringNew().call(() -> contacts.findByIdOptional(id)
                .filter(found -> subject.equals(found.requesterSubject))
                .orElseThrow(() -> Problems.notFound("No contact request " + id + " of yours")));
        return RequesterView.from(c, names.of(List.of(c.targetContributorId)).get(c.targetContributorId));
    }

    /** Requests relayed to the caller, when the caller is a contributor. */
    public Page<ReceivedView> received(String subject, PageRequest page) {
        UUID contributorId;
        try {
            contributorId = Peers.call("contributor-service", () -> contributors.resolveSubject(subject)).id();
        } catch (PeerException e) {
            if (e.notFound()) {
                return Page.of(List.of(), 0, page);
            }
            throw Problems.unavailable("contributor-service cannot tell who you are now; retry later");
        }
        UUID id = contributorId;
        return QuarkusTransaction.requiringNew().call(() -> Paging.page(contacts.relayedTo(id), page).map(ReceivedView::from));
    }

    public Page<AdminView> search(ContactStatus status, PageRequest page) {
        Page<ContactRequest> found = QuarkusTransaction.requiringNew().call(() -> Paging.page(contacts.search(status), page));
        Map<UUID, String> accountNames = names.of(found.items().stream().map(c -> c.targetContributorId).toList());
        return found.map(c -> AdminView.from(c, accountNames.get(c.targetContributorId)));
    }

    public AdminView decide(Caller admin, UUID id, ContactStatus decision, String note) {
        ContactRequest decided = QuarkusTransaction.requiringNew().call(() -> {
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
            return c;
        });
        return AdminView.from(decided, names.of(List.of(decided.targetContributorId)).get(decided.targetContributorId));
    }
}
