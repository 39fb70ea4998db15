package org.plugin.privacy.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.Caller;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.privacy.api.ContactDtos.AdminView;
import org.plugin.privacy.api.ContactDtos.NewContact;
import org.plugin.privacy.api.ContactDtos.ReceivedView;
import org.plugin.privacy.api.ContactDtos.RequesterView;
import org.plugin.privacy.api.ContactStatus;
import org.plugin.privacy.client.ContributorClient;
import org.plugin.privacy.client.ContributorClient.Resolved;
import org.plugin.privacy.client.PeerException;
import org.plugin.privacy.client.Peers;
import org.plugin.privacy.repository.ContactRequest;
import org.plugin.privacy.repository.ContactRequest.Status;
import org.plugin.privacy.repository.ContactRequestRepository;

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
    private final AccessRules access;

    ContactService(ContactRequestRepository contacts, @RestClient ContributorClient contributors, AccountNames names, PlatformClock clock,
            AccessRules access) {
        this.contacts = contacts;
        this.contributors = contributors;
        this.names = names;
        this.clock = clock;
        this.access = access;
    }

    public RequesterView create(Caller caller, NewContact body) {
        String subject = access.subject(caller);
        Resolved target = resolveAccount(body.accountName());
        ContactRequest created = QuarkusTransaction.requiringNew().call(() -> persist(subject, body, target));
        return requesterView(created, body.accountName());
    }

    private Resolved resolveAccount(String accountName) {
        Resolved target;
        try {
            target = Peers.call("contributor-service", () -> contributors.resolveAccountName(accountName));
        } catch (PeerException e) {
            if (e.notFound()) {
                // never the name asked: problem details are logged, and any user can send any text here
                throw DomainException.notFound("No contributor with this account name");
            }
            throw DomainException.unavailable("contributor-service cannot confirm the contributor now; nothing was recorded, retry later");
        }
        if (target == null || target.id() == null || (target.status() != null && !"ACTIVE".equals(target.status()))) {
            throw DomainException.notFound("No active contributor with this account name");
        }
        if (target.restricted()) {
            throw DomainException.conflict("This contributor restricted the processing of their data; the operator cannot relay requests to them now");
        }
        return target;
    }

    private ContactRequest persist(String subject, NewContact body, Resolved target) {
        ContactRequest c = new ContactRequest();
        c.id = UUID.randomUUID();
        c.requesterSubject = subject;
        c.targetContributorId = target.id();
        c.message = body.message().strip();
        c.replyTo = body.replyTo() == null || body.replyTo().isBlank() ? null : body.replyTo().strip();
        c.status = Status.PENDING;
        c.createdAt = clock.now();
        contacts.persist(c);
        return c;
    }

    /** The caller's contact requests; the contributors' account names are read afterwards, outside the transaction. */
    public Page<RequesterView> mine(Caller caller, PageRequest page) {
        String subject = access.subject(caller);
        Page<ContactRequest> found = QuarkusTransaction.requiringNew().call(() -> contacts.sentBy(subject, page));
        Map<UUID, String> accountNames = names.of(found.items().stream().map(c -> c.targetContributorId).toList());
        return found.map(c -> requesterView(c, accountNames.get(c.targetContributorId)));
    }

    public RequesterView mineOne(Caller caller, UUID id) {
        ContactRequest c = QuarkusTransaction.requiringNew().call(() -> access.sentContact(caller, id, contacts.findByIdOptional(id)));
        return requesterView(c, names.of(List.of(c.targetContributorId)).get(c.targetContributorId));
    }

    /** Requests relayed to the caller, when the caller is a contributor. */
    public Page<ReceivedView> received(Caller caller, PageRequest page) {
        String subject = access.subject(caller);
        UUID contributorId;
        try {
            contributorId = Peers.call("contributor-service", () -> contributors.resolveSubject(subject)).id();
        } catch (PeerException e) {
            if (e.notFound()) {
                return Page.of(List.of(), 0, page);
            }
            throw DomainException.unavailable("contributor-service cannot tell who you are now; retry later");
        }
        UUID id = contributorId;
        return QuarkusTransaction.requiringNew().call(() -> contacts.relayedTo(id, page).map(ContactService::receivedView));
    }

    public Page<AdminView> search(ContactStatus status, PageRequest page) {
        Page<ContactRequest> found = QuarkusTransaction.requiringNew().call(() -> contacts.search(Enums.as(Status.class, status), page));
        Map<UUID, String> accountNames = names.of(found.items().stream().map(c -> c.targetContributorId).toList());
        return found.map(c -> adminView(c, accountNames.get(c.targetContributorId)));
    }

    public AdminView decide(Caller admin, UUID id, ContactStatus decided, String note) {
        Status decision = Enums.as(Status.class, decided);
        String decidedBy = Actors.admin(access.subject(admin));
        ContactRequest changed = QuarkusTransaction.requiringNew().call(() -> {
            ContactRequest c = contacts.lock(id)
                    .orElseThrow(() -> DomainException.notFound("No contact request " + id));
            if (c.status != Status.PENDING) {
                throw DomainException.conflict("The contact request was already " + c.status);
            }
            if (c.message == null && decision == Status.RELAYED) {
                throw DomainException.conflict("The contact request concerns an erased person; it can only be declined");
            }
            c.status = decision;
            c.decidedAt = clock.now();
            c.decidedBy = decidedBy;
            c.decisionNote = note == null || note.isBlank() ? null : note.strip();
            return c;
        });
        return adminView(changed, names.of(List.of(changed.targetContributorId)).get(changed.targetContributorId));
    }

    /**
     * What the requester sees: never an email. {@code accountName} is read from contributor-service when
     * shown: null once the contributor is deactivated or erased, or while contributor-service does not answer.
     */
    private static RequesterView requesterView(ContactRequest c, String accountName) {
        return new RequesterView(c.id, accountName, c.message, Enums.as(ContactStatus.class, c.status), c.createdAt, c.decidedAt,
                c.decisionNote);
    }

    /** What the contributor sees of a request relayed to them. */
    private static ReceivedView receivedView(ContactRequest c) {
        return new ReceivedView(c.id, c.message, c.replyTo, c.createdAt, c.decidedAt);
    }

    private static AdminView adminView(ContactRequest c, String accountName) {
        return new AdminView(c.id, c.requesterSubject, c.targetContributorId, accountName, c.message, c.replyTo,
                Enums.as(ContactStatus.class, c.status), c.createdAt, c.decidedAt, c.decidedBy, c.decisionNote);
    }
}
