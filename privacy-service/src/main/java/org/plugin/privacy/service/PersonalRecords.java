package org.plugin.privacy.service;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.plugin.common.idempotency.IdempotencyStore;
import org.plugin.privacy.repository.ContactRequestRepository;
import org.plugin.privacy.repository.ExportRepository;
import org.plugin.privacy.repository.PrivacyRequest;
import org.plugin.privacy.repository.PrivacyRequest.Status;
import org.plugin.privacy.repository.RequestEventRepository;
import org.plugin.privacy.repository.RequestRepository;

/**
 * What privacy-service itself holds about a person, reduced to non-personal stubs when they are
 * erased: requests keep their id, type, status and dates (and the pseudonymous contributor id);
 * subjects, details, free text and exports go; contact requests lose their messages, reply-to and
 * decision notes (they never held names: only the contributor id).
 * Disclosures keep the pseudonymous id: the register is a legal record. Runs in the caller's transaction.
 */
@ApplicationScoped
public class PersonalRecords {

    static final String CLOSED_BY_ERASURE = "Closed: the data subject was erased";

    private final RequestRepository requests;
    private final RequestEventRepository events;
    private final ExportRepository exports;
    private final ContactRequestRepository contacts;
    private final IdempotencyStore keptAnswers;

    PersonalRecords(RequestRepository requests, RequestEventRepository events, ExportRepository exports, ContactRequestRepository contacts,
            IdempotencyStore keptAnswers) {
        this.keptAnswers = keptAnswers;
        this.requests = requests;
        this.events = events;
        this.exports = exports;
        this.contacts = contacts;
    }

    /**
     * Erases the records about a contributor: those tied to their id, and those tied to their token
     * subject ({@code knownSubject}, learned from contributor-service, and the subjects of their requests).
     */
    public void eraseContributor(UUID contributorId, String knownSubject) {
        List<PrivacyRequest> theirs = requests.byContributor(contributorId);
        Set<String> subjects = new HashSet<>();
        if (knownSubject != null) {
            subjects.add(knownSubject);
        }
        theirs.stream().map(r -> r.subject).filter(Objects::nonNull).forEach(subjects::add);
        subjects.forEach(this::eraseSubject);
        scrub(theirs);
        contacts.eraseTextTo(contributorId);
    }

    public void eraseSubject(String subject) {
        if (subject == null) {
            return;
        }
        scrub(requests.allBySubject(subject));
        contacts.eraseSentBy(subject);
        // answers kept for retried requests (a contact request's text) go with their sender
        keptAnswers.forget(subject);
    }

    private void scrub(List<PrivacyRequest> list) {
        if (list.isEmpty()) {
            return;
        }
        List<UUID> ids = list.stream().map(r -> r.id).toList();
        exports.deleteForRequests(ids);
        events.eraseNotes(ids);
        for (PrivacyRequest r : list) {
            if (r.status.open()) {
                r.status = Status.REJECTED;
                r.rejectionReason = CLOSED_BY_ERASURE;
                RequestLifecycle.clearWork(r);
            } else if (r.rejectionReason != null) {
                r.rejectionReason = CLOSED_BY_ERASURE.equals(r.rejectionReason) ? r.rejectionReason : "(erased)";
            }
            r.subject = null;
            r.details = null;
            r.lastError = null;
            r.exportExpiresAt = null;
        }
    }
}
