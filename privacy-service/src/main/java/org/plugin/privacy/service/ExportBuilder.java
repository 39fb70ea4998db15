package org.plugin.privacy.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.plugin.privacy.api.RequestDtos.RequestView;
import org.plugin.privacy.repository.ContactRequestRepository;
import org.plugin.privacy.repository.DisclosureRepository;
import org.plugin.privacy.repository.ExportDocument;
import org.plugin.privacy.repository.ExportRepository;
import org.plugin.privacy.repository.PrivacyRequest;
import org.plugin.privacy.repository.PrivacyRequest.Type;
import org.plugin.privacy.repository.RequestRepository;
import org.plugin.privacy.service.ExportDocuments.OwnRecords;
import org.plugin.privacy.service.ExportDocuments.Reports;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stores the ACCESS or PORTABILITY document of a request: reads what this service holds about the
 * person, has {@link ExportDocuments} assemble it with what the other holders reported, and keeps it
 * until it expires. Runs in the caller's transaction.
 */
@ApplicationScoped
public class ExportBuilder {

    private final ExportRepository exports;
    private final RequestRepository requests;
    private final ContactRequestRepository contacts;
    private final DisclosureRepository disclosures;
    private final NoticeService notices;
    private final RequestService requestService;
    private final Json json;
    private final ExportDocuments documents;

    ExportBuilder(ExportRepository exports, RequestRepository requests, ContactRequestRepository contacts, DisclosureRepository disclosures,
            NoticeService notices, RequestService requestService, Json json) {
        this.exports = exports;
        this.requests = requests;
        this.contacts = contacts;
        this.disclosures = disclosures;
        this.notices = notices;
        this.requestService = requestService;
        this.json = json;
        this.documents = new ExportDocuments(json.mapper());
    }

    /** The contributors the subject asked to be put in touch with (their ids), for resolving their names before {@link #store}. */
    List<UUID> contactTargets(String subject) {
        return subject == null ? List.of() : contacts.allSentBy(subject).stream().map(c -> c.targetContributorId).distinct().toList();
    }

    /** Stores the document of {@code r} (ACCESS or PORTABILITY), downloadable until {@code expiresAt}. */
    void store(PrivacyRequest r, Reports reports, Instant now, Instant expiresAt) {
        ObjectNode document = r.type == Type.ACCESS
                ? documents.access(r.id, r.subject, r.contributorId, reports, ownRecords(r), now, expiresAt)
                : documents.portability(r.id, reports, now);
        ExportDocument d = new ExportDocument();
        d.id = UUID.randomUUID();
        d.requestId = r.id;
        d.kind = r.type;
        d.content = json.write(document);
        d.createdAt = now;
        d.expiresAt = expiresAt;
        exports.persist(d);
        r.exportExpiresAt = expiresAt;
    }

    private OwnRecords ownRecords(PrivacyRequest r) {
        boolean contributor = r.contributorId != null;
        return new OwnRecords(ownRequests(r), contacts.allSentBy(r.subject),
                contributor ? contacts.allRelayedTo(r.contributorId) : List.of(),
                contributor ? disclosures.visibleTo(r.contributorId).stream().map(DisclosureService::view).toList() : List.of(),
                notices.current());
    }

    /** Their requests, by subject (newest first) and then by contributor id, each with its history. */
    private List<RequestView> ownRequests(PrivacyRequest current) {
        List<PrivacyRequest> theirs = new ArrayList<>(requests.allBySubject(current.subject));
        if (current.contributorId != null) {
            requests.byContributor(current.contributorId).stream().filter(x -> theirs.stream().noneMatch(t -> t.id.equals(x.id)))
                    .forEach(theirs::add);
        }
        return theirs.stream().map(requestService::view).toList();
    }
}
