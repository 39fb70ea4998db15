package org.plugin.privacy.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.plugin.privacy.api.ContactStatus;
import org.plugin.privacy.api.DisclosureDtos.DisclosureView;
import org.plugin.privacy.api.NoticeDtos.NoticeContent;
import org.plugin.privacy.api.NoticeDtos.VersionView;
import org.plugin.privacy.api.RequestDtos.HistoryEntry;
import org.plugin.privacy.api.RequestDtos.RequestView;
import org.plugin.privacy.api.RequestStatus;
import org.plugin.privacy.api.RequestType;
import org.plugin.privacy.client.AtomClient;
import org.plugin.privacy.client.AtomClient.CommentData;
import org.plugin.privacy.client.AtomClient.RatingData;
import org.plugin.privacy.client.ContributorClient;
import org.plugin.privacy.client.ContributorClient.Profile;
import org.plugin.privacy.repository.ContactRequest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ACCESS document (everything the platform holds about the person, readable, with the processing
 * facts of the notice) and the PORTABILITY document (what they provided, in a structured format
 * another service can import), assembled from what each holder reported. No I/O here: the request
 * worker gathers what the other holders answer, {@link ExportBuilder} this service's own records.
 */
final class ExportDocuments {

    static final String ACCESS_FORMAT = "plugin-access-export/1";
    static final String PORTABILITY_FORMAT = "plugin-portability-export/1";

    /** The data of the identity provider's entry in the register of holders (what {@link IdentityProvider.Account} shows). */
    static final List<String> IDENTITY_PROVIDER_DATA = List.of("username", "email address", "first name", "last name",
            "account creation time", "enabled", "required actions", "sessions: start, last access, IP address, clients");

    /**
     * What the other holders answered about the person, each null when it holds nothing about them
     * (not a contributor, no login account, atom-service's feedback by author switched off).
     * {@code contactNames}: the account names of the contributors they wrote to, by id (absent while
     * contributor-service does not answer).
     */
    record Reports(ContributorClient.PersonalData profile, AtomClient.PersonalData catalog, AtomClient.AuthorFeedback authored,
            IdentityProvider.Account account, Map<UUID, String> contactNames) {
    }

    /** What privacy-service itself holds about the person, for an ACCESS document. */
    record OwnRecords(List<RequestView> requests, List<ContactRequest> sent, List<ContactRequest> received,
            List<DisclosureView> disclosures, Optional<VersionView> notice) {
    }

    /** A request of theirs as the document lists it; the one being fulfilled shows COMPLETED. */
    record OwnRequest(UUID id, RequestType type, RequestStatus status, Instant receivedAt, LocalDate dueDate, String rejectionReason,
            List<HistoryEntry> history) {
    }

    /** A contact request they sent; a name or message no longer known reads "null". */
    record SentContact(UUID id, String accountName, String message, ContactStatus status, Instant createdAt) {
    }

    /** A contact request the operator relayed to them. */
    record ReceivedContact(UUID id, String message, Instant createdAt, String relayedAt) {
    }

    private final ObjectMapper mapper;

    ExportDocuments(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode access(UUID requestId, String subject, UUID contributorId, Reports reports, OwnRecords own, Instant now,
            Instant expiresAt) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("format", ACCESS_FORMAT);
        doc.put("title", "Your personal data on the Plug'in platform");
        doc.put("requestId", requestId.toString());
        doc.put("generatedAt", now.toString());
        doc.put("expiresAt", expiresAt.toString());
        ObjectNode who = doc.putObject("subject");
        who.put("tokenSubject", subject);
        who.put("contributorId", contributorId == null ? null : contributorId.toString());
        who.put("registeredContributor", reports.profile() != null);
        // contributor-service: profile, rectification audit, the log of admin reads of the email
        doc.set("personalData", mapper.valueToTree(reports.profile()));
        // atom-service: Atoms, versions, feedback, ledger entries, subscriptions and notifications tied to the contributor id
        doc.set("contributions", mapper.valueToTree(reports.catalog()));
        // atom-service: every rating and comment written under their login, contributor or not
        if (reports.authored() != null) {
            ObjectNode feedback = doc.putObject("feedback");
            feedback.set("ratings", mapper.valueToTree(orEmpty(reports.authored().ratings())));
            feedback.set("comments", mapper.valueToTree(orEmpty(reports.authored().comments())));
        }
        // the identity provider: the login account (username, email, names, creation, enabled, required actions) and its sessions
        ObjectNode identityProvider = doc.putObject("identityProvider");
        identityProvider.put("holder", IdentityProvider.HOLDER);
        identityProvider.put("registeredAccount", reports.account() != null);
        identityProvider.set("account", mapper.valueToTree(reports.account()));
        doc.set("privacyRequests", mapper.valueToTree(own.requests().stream().map(view -> new OwnRequest(view.id(), view.type(),
                view.id().equals(requestId) ? RequestStatus.COMPLETED : view.status(), view.receivedAt(), view.dueDate(), view.rejectionReason(),
                view.history())).toList()));
        ObjectNode contact = doc.putObject("contactRequests");
        contact.set("sent", mapper.valueToTree(own.sent().stream().map(c -> new SentContact(c.id,
                String.valueOf(reports.contactNames().get(c.targetContributorId)), String.valueOf(c.message),
                Enums.as(ContactStatus.class, c.status), c.createdAt)).toList()));
        contact.set("receivedThroughTheOperator", mapper.valueToTree(own.received().stream()
                .map(c -> new ReceivedContact(c.id, String.valueOf(c.message), c.createdAt, String.valueOf(c.decidedAt))).toList()));
        doc.set("disclosures", mapper.valueToTree(own.disclosures()));
        doc.set("processing", processing(own.notice()));
        return doc;
    }

    /** The facts of the notice in force, and the register of the holders outside the services' databases. */
    private ObjectNode processing(Optional<VersionView> notice) {
        ObjectNode p = mapper.createObjectNode();
        notice.ifPresent(v -> {
            NoticeContent c = v.content();
            p.put("noticeVersion", v.version());
            p.put("controller", c.controller());
            p.set("purposes", mapper.valueToTree(c.purposes()));
            p.set("dataCategories", mapper.valueToTree(c.dataCategories()));
            p.set("recipients", mapper.valueToTree(c.recipients()));
            p.set("retention", mapper.valueToTree(c.retention()));
            p.set("rights", mapper.valueToTree(c.rights()));
            p.set("contactPoints", mapper.valueToTree(c.contactPoints()));
            p.put("dataLocation", c.dataLocation());
        });
        ObjectNode holder = p.putArray("holders").addObject();
        holder.put("holder", IdentityProvider.HOLDER);
        holder.set("data", mapper.valueToTree(IDENTITY_PROVIDER_DATA));
        holder.put("purpose", IdentityProvider.PURPOSE);
        holder.put("legalBasis", IdentityProvider.LEGAL_BASIS);
        holder.put("retention", IdentityProvider.RETENTION);
        return p;
    }

    ObjectNode portability(UUID requestId, Reports reports, Instant now) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("format", PORTABILITY_FORMAT);
        doc.put("generatedAt", now.toString());
        doc.put("requestId", requestId.toString());
        Profile profile = reports.profile() == null ? null : reports.profile().profile();
        ObjectNode provided = doc.putObject("profile");
        provided.put("accountName", profile == null ? null : profile.accountName());
        provided.put("firstName", profile == null ? null : profile.firstName());
        provided.put("lastName", profile == null ? null : profile.lastName());
        provided.put("email", profile == null ? null : profile.email());
        // what they gave the identity provider for their login (null: no account there)
        IdentityProvider.Account account = reports.account();
        ObjectNode login = null;
        if (account != null) {
            login = mapper.createObjectNode();
            login.put("username", account.username());
            login.put("email", account.email());
            login.put("firstName", account.firstName());
            login.put("lastName", account.lastName());
        }
        doc.set("loginAccount", login);
        // what they provided to the catalog, with the feedback by their login: also what they wrote before
        // registering, or as a mere user
        AtomClient.PersonalData catalog = reports.catalog();
        AtomClient.AuthorFeedback authored = reports.authored();
        ObjectNode contributions = doc.putObject("contributions");
        if (catalog != null) {
            putIfPresent(contributions, "atoms", catalog.atoms());
            putIfPresent(contributions, "chains", catalog.chains());
            putIfPresent(contributions, "ratings", catalog.ratings());
            putIfPresent(contributions, "comments", catalog.comments());
            // the Atoms they chose to follow, and the notifications those subscriptions and their chains brought
            // them: issue 16 puts both in ACCESS and PORTABILITY (a person moving to another catalog takes
            // what they followed and what they were told about it)
            putIfPresent(contributions, "subscriptions", catalog.subscriptions());
            putIfPresent(contributions, "notifications", catalog.notifications());
            // the webhooks they registered (URL, description), not the record of deliveries to them
            if (catalog.webhooks() != null) {
                contributions.set("webhooks", mapper.valueToTree(catalog.webhooks().stream()
                        .map(w -> new ProvidedWebhook(w.url(), w.description(), w.enabled(), w.createdAt())).toList()));
            }
        }
        if (authored != null) {
            contributions.set("ratings", mapper.valueToTree(union(catalog == null ? null : catalog.ratings(), authored.ratings(),
                    ExportDocuments::ratingKey)));
            contributions.set("comments", mapper.valueToTree(union(catalog == null ? null : catalog.comments(), authored.comments(),
                    CommentData::id)));
        }
        return doc;
    }

    /** A webhook as its owner provided it, for a PORTABILITY document. */
    record ProvidedWebhook(String url, String description, boolean enabled, Instant createdAt) {
    }

    private void putIfPresent(ObjectNode node, String name, List<?> items) {
        if (items != null) {
            node.set(name, mapper.valueToTree(items));
        }
    }

    /** The items of {@code first}, then those of {@code second} not in it (same {@code key}). */
    static <T> List<T> union(List<T> first, List<T> second, Function<T, Object> key) {
        List<T> all = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (List<T> list : Arrays.asList(first, second)) {
            for (T item : orEmpty(list)) {
                if (seen.add(key.apply(item))) {
                    all.add(item);
                }
            }
        }
        return all;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Ratings are told apart by Atom and time, as atom-service keys them. */
    static Object ratingKey(RatingData rating) {
        return Arrays.asList(rating.atom(), rating.createdAt());
    }
}
