package org.plugin.privacy.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.plugin.privacy.repository.ContactRequestRepository;
import org.plugin.privacy.repository.DisclosureRepository;
import org.plugin.privacy.repository.ExportDocument;
import org.plugin.privacy.repository.ExportRepository;
import org.plugin.privacy.repository.PrivacyRequest;
import org.plugin.privacy.repository.PrivacyRequest.Type;
import org.plugin.privacy.repository.RequestRepository;
import org.plugin.privacy.api.DisclosureDtos.DisclosureView;
import org.plugin.privacy.api.NoticeDtos.NoticeContent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the ACCESS document (everything the platform holds about the subject, readable, with the
 * processing facts of the notice) and the PORTABILITY document (what the subject provided, in a
 * structured format another service can import). Runs in the caller's transaction.
 */
@ApplicationScoped
public class ExportBuilder {

    public static final String ACCESS_FORMAT = "plugin-access-export/1";
    public static final String PORTABILITY_FORMAT = "plugin-portability-export/1";

    /** Keys of atom-service's personal-data answer that hold what the subject provided. */
    static final List<String> PROVIDED_CATALOG_KEYS = List.of("atoms", "versions", "chains", "feedback", "ratings", "comments");

    private final ExportRepository exports;
    private final RequestRepository requests;
    private final ContactRequestRepository contacts;
    private final DisclosureRepository disclosures;
    private final NoticeService notices;
    private final RequestService requestService;
    private final Json json;

    ExportBuilder(ExportRepository exports, RequestRepository requests, ContactRequestRepository contacts, DisclosureRepository disclosures,
            NoticeService notices, RequestService requestService, Json json) {
        this.exports = exports;
        this.requests = requests;
        this.contacts = contacts;
        this.disclosures = disclosures;
        this.notices = notices;
        this.requestService = requestService;
        this.json = json;
    }

    /** The contributors the subject asked to be put in touch with (their ids), for resolving their names before {@link #store}. */
    List<UUID> contactTargets(String subject) {
        return subject == null ? List.of() : contacts.allSentBy(subject).stream().map(c -> c.targetContributorId).distinct().toList();
    }

    /**
     * {@code authored}: atom-service's feedback by the subject's login ({@code ratings}, {@code comments}),
     * null when not available; {@code account}: the login account at the identity provider and its
     * sessions ({@link IdentityProvider#account}), null when there is none; {@code accountNames}: the
     * names of {@link #contactTargets}, read from contributor-service.
     */
    void store(PrivacyRequest r, JsonNode profile, JsonNode catalog, JsonNode authored, JsonNode account, Map<UUID, String> accountNames,
            Instant now, Instant expiresAt) {
        ObjectNode document = r.type == Type.ACCESS ? access(r, profile, catalog, authored, account, accountNames, now, expiresAt)
                : portability(r, profile, catalog, authored, account, now);
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

    private ObjectNode access(PrivacyRequest r, JsonNode profile, JsonNode catalog, JsonNode authored, JsonNode account,
            Map<UUID, String> accountNames, Instant now, Instant expiresAt) {
        ObjectNode doc = json.mapper().createObjectNode();
        doc.put("format", ACCESS_FORMAT);
        doc.put("title", "Your personal data on the Plug'in platform");
        doc.put("requestId", r.id.toString());
        doc.put("generatedAt", now.toString());
        doc.put("expiresAt", expiresAt.toString());
        ObjectNode subject = doc.putObject("subject");
        subject.put("tokenSubject", r.subject);
        subject.put("contributorId", r.contributorId == null ? null : r.contributorId.toString());
        subject.put("registeredContributor", profile != null);
        // contributor-service: profile, rectification audit, the log of admin reads of the email
        doc.set("personalData", profile);
        // atom-service: Atoms, versions, feedback and ledger entries tied to the contributor id
        doc.set("contributions", catalog);
        // atom-service: every rating and comment written under their login, contributor or not
        if (authored != null) {
            ObjectNode feedback = doc.putObject("feedback");
            feedback.set("ratings", authored.path("ratings").isArray() ? authored.get("ratings") : json.mapper().createArrayNode());
            feedback.set("comments", authored.path("comments").isArray() ? authored.get("comments") : json.mapper().createArrayNode());
        }
        // the identity provider: the login account (username, email, names, creation, enabled, required actions) and its sessions
        ObjectNode identityProvider = doc.putObject("identityProvider");
        identityProvider.put("holder", IdentityProvider.HOLDER);
        identityProvider.put("registeredAccount", account != null);
        identityProvider.set("account", account);
        doc.set("privacyRequests", json.mapper().valueToTree(ownRequests(r)));
        ObjectNode contact = doc.putObject("contactRequests");
        contact.set("sent", json.mapper().valueToTree(contacts.allSentBy(r.subject).stream().map(c -> Map.of(
                "id", c.id, "accountName", String.valueOf(accountNames.get(c.targetContributorId)), "message", String.valueOf(c.message),
                "status", c.status, "createdAt", c.createdAt)).toList()));
        contact.set("receivedThroughTheOperator", r.contributorId == null ? json.mapper().createArrayNode()
                : json.mapper().valueToTree(contacts.allRelayedTo(r.contributorId).stream().map(c -> Map.of(
                        "id", c.id, "message", String.valueOf(c.message), "createdAt", c.createdAt,
                        "relayedAt", String.valueOf(c.decidedAt))).toList()));
        doc.set("disclosures", r.contributorId == null ? json.mapper().createArrayNode()
                : json.mapper().valueToTree(disclosures.visibleTo(r.contributorId).stream().map(DisclosureService::view).toList()));
        doc.set("processing", processing());
        return doc;
    }

    private List<Map<String, Object>> ownRequests(PrivacyRequest current) {
        List<PrivacyRequest> theirs = new java.util.ArrayList<>(requests.allBySubject(current.subject));
        if (current.contributorId != null) {
            requests.byContributor(current.contributorId).stream().filter(x -> theirs.stream().noneMatch(t -> t.id.equals(x.id))).forEach(theirs::add);
        }
        return theirs.stream().map(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            var view = requestService.view(x);
            m.put("id", view.id());
            m.put("type", view.type());
            m.put("status", x.id.equals(current.id) ? "COMPLETED" : view.status());
            m.put("receivedAt", view.receivedAt());
            m.put("dueDate", view.dueDate());
            m.put("rejectionReason", view.rejectionReason());
            m.put("history", view.history());
            return m;
        }).toList();
    }

    private JsonNode processing() {
        ObjectNode p = json.mapper().createObjectNode();
        notices.current().ifPresent(v -> {
            NoticeContent c = v.content();
            p.put("noticeVersion", v.version());
            p.put("controller", c.controller());
            p.set("purposes", json.mapper().valueToTree(c.purposes()));
            p.set("dataCategories", json.mapper().valueToTree(c.dataCategories()));
            p.set("recipients", json.mapper().valueToTree(c.recipients()));
            p.set("retention", json.mapper().valueToTree(c.retention()));
            p.set("rights", json.mapper().valueToTree(c.rights()));
            p.set("contactPoints", json.mapper().valueToTree(c.contactPoints()));
            p.put("dataLocation", c.dataLocation());
        });
        // the register of the holders outside the services' databases, each with its purpose, legal basis and retention
        ObjectNode holder = p.putArray("holders").addObject();
        holder.put("holder", IdentityProvider.HOLDER);
        holder.set("data", json.mapper().valueToTree(List.of("username", "email address", "first name", "last name", "account creation time",
                "enabled", "required actions", "sessions: start, last access, IP address, clients")));
        holder.put("purpose", IdentityProvider.PURPOSE);
        holder.put("legalBasis", IdentityProvider.LEGAL_BASIS);
        holder.put("retention", IdentityProvider.RETENTION);
        return p;
    }

    private ObjectNode portability(PrivacyRequest r, JsonNode profile, JsonNode catalog, JsonNode authored, JsonNode account, Instant now) {
        ObjectNode doc = json.mapper().createObjectNode();
        doc.put("format", PORTABILITY_FORMAT);
        doc.put("generatedAt", now.toString());
        doc.put("requestId", r.id.toString());
        ObjectNode provided = doc.putObject("profile");
        JsonNode source = profile == null ? null : (profile.has("profile") ? profile.get("profile") : profile);
        for (String field : List.of("accountName", "firstName", "lastName", "email")) {
            provided.set(field, source == null ? null : source.get(field));
        }
        // what they gave the identity provider for their login (null: no account there)
        ObjectNode login = null;
        if (account != null) {
            login = json.mapper().createObjectNode();
            for (String field : List.of("username", "email", "firstName", "lastName")) {
                login.set(field, account.get(field));
            }
        }
        doc.set("loginAccount", login);
        ObjectNode contributions = doc.putObject("contributions");
        for (String key : PROVIDED_CATALOG_KEYS) {
            if (catalog != null && catalog.has(key)) {
                contributions.set(key, catalog.get(key));
            }
        }
        // with the feedback by their login: also what they wrote before registering, or as a mere user
        if (authored != null) {
            contributions.set("ratings", union(contributions.get("ratings"), authored.get("ratings"), "atom", "createdAt"));
            contributions.set("comments", union(contributions.get("comments"), authored.get("comments"), "id"));
        }
        return doc;
    }

    /** The items of {@code first}, then those of {@code second} not in it (same values of {@code keys}). */
    private com.fasterxml.jackson.databind.node.ArrayNode union(JsonNode first, JsonNode second, String... keys) {
        com.fasterxml.jackson.databind.node.ArrayNode all = json.mapper().createArrayNode();
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (JsonNode list : new JsonNode[] { first, second }) {
            if (list == null || !list.isArray()) {
                continue;
            }
            for (JsonNode item : list) {
                List<String> key = java.util.Arrays.stream(keys).map(k -> item.path(k).asText()).toList();
                if (seen.add(key)) {
                    all.add(item);
                }
            }
        }
        return all;
    }
}
