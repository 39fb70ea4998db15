package org.plugin.privacy.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plugin.privacy.api.RequestDtos.RequestView;
import org.plugin.privacy.api.RequestStatus;
import org.plugin.privacy.api.RequestType;
import org.plugin.privacy.client.AtomClient;
import org.plugin.privacy.client.AtomClient.AtomData;
import org.plugin.privacy.client.AtomClient.AuthorFeedback;
import org.plugin.privacy.client.AtomClient.CommentData;
import org.plugin.privacy.client.AtomClient.LedgerData;
import org.plugin.privacy.client.AtomClient.RatingData;
import org.plugin.privacy.client.ContributorClient;
import org.plugin.privacy.client.ContributorClient.Profile;
import org.plugin.privacy.repository.ContactRequest;
import org.plugin.privacy.service.ExportDocuments.OwnRecords;
import org.plugin.privacy.service.ExportDocuments.Reports;
import org.plugin.privacy.support.UnitFixtures;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The ACCESS and PORTABILITY documents, assembled from what each holder reported. */
@Tag(UnitFixtures.UNIT)
class ExportDocumentsTest {

    static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    static final UUID REQUEST = UUID.fromString("33333333-3333-3333-3333-333333333333");
    static final UUID CONTRIBUTOR = UUID.fromString("22222222-2222-2222-2222-222222222222");
    static final UUID COMMENT = UUID.fromString("44444444-4444-4444-4444-444444444444");

    final ExportDocuments documents = new ExportDocuments(UnitFixtures.mapper());

    static final ContributorClient.PersonalData PROFILE = new ContributorClient.PersonalData(
            new Profile(CONTRIBUTOR, "sub-1", "zoe", "Zoë", "O'Brien-Núñez", "zoe@example.org", "ACTIVE",
                    Instant.parse("2026-01-05T10:00:00Z"), null, null, null, null),
            new ContributorClient.Restriction(false, null, null, null), List.of(), List.of(), NOW);

    static final RatingData RATED = new RatingData("packet-shaper", 4, Instant.parse("2026-01-08T10:00:00Z"), Instant.parse("2026-01-08T10:00:00Z"));
    static final CommentData COMMENTED = new CommentData(COMMENT, "packet-shaper", "Works well", Instant.parse("2026-01-08T10:00:00Z"));

    static final AtomClient.PersonalData CATALOG = new AtomClient.PersonalData(CONTRIBUTOR, false, null,
            List.of(new AtomData("zoe-vnf", null, "ACTIVE", Instant.parse("2026-01-06T10:00:00Z"), List.of())), List.of(),
            List.of(RATED), List.of(COMMENTED),
            List.of(new LedgerData(1, UUID.randomUUID(), NOW, "ATOM_CREATED", "zoe-vnf", null, "CONTRIBUTOR", null, null)),
            List.of(new AtomClient.SubscriptionData("packet-shaper", Instant.parse("2026-01-09T10:00:00Z"))),
            List.of(new AtomClient.NotificationData(UUID.randomUUID(), "org.plugin.atom.version.deprecated", "packet-shaper", "1.0.0",
                    List.of("zoe-chain"), Instant.parse("2026-01-10T10:00:00Z"), null, null, null, null)));

    static final IdentityProvider.Account ACCOUNT = new IdentityProvider.Account("zoe", "zoe@example.org", true, "Zoë", "O'Brien-Núñez",
            Instant.parse("2026-01-01T10:00:00Z"), true, List.of(), null, List.of());

    static Reports reports(ContributorClient.PersonalData profile, AtomClient.PersonalData catalog, AuthorFeedback authored,
            IdentityProvider.Account account) {
        return new Reports(profile, catalog, authored, account, Map.of());
    }

    @Nested
    class Portability {
        @Test
        void whatTheyProvidedAndNothingTheServicesRecordedAboutThem() {
            ObjectNode doc = documents.portability(REQUEST, reports(PROFILE, CATALOG, null, ACCOUNT), NOW);
            assertThat(doc.get("format").asText()).isEqualTo("plugin-portability-export/1");
            assertThat(doc.get("requestId").asText()).isEqualTo(REQUEST.toString());
            assertThat(doc.get("profile").properties()).extracting(Map.Entry::getKey).containsExactly("accountName", "firstName", "lastName", "email");
            assertThat(doc.at("/profile/firstName").asText()).isEqualTo("Zoë");
            assertThat(doc.at("/loginAccount/username").asText()).isEqualTo("zoe");
            assertThat(doc.get("loginAccount").has("emailVerified")).isFalse();
            assertThat(doc.get("contributions").has("ledger")).as("the ledger is the platform's record, not what they provided").isFalse();
            assertThat(doc.at("/contributions/atoms/0/name").asText()).isEqualTo("zoe-vnf");
        }

        @Test
        void theAtomsTheyFollowButNotWhatThePlatformToldThem() {
            ObjectNode doc = documents.portability(REQUEST, reports(PROFILE, CATALOG, null, ACCOUNT), NOW);
            assertThat(doc.at("/contributions/subscriptions/0/atom").asText()).isEqualTo("packet-shaper");
            assertThat(doc.at("/contributions/subscriptions/0/subscribedAt").asText()).isEqualTo("2026-01-09T10:00:00Z");
            assertThat(doc.at("/contributions/notifications/0/type").asText()).as("issue 16: notifications in PORTABILITY too")
                    .isEqualTo("org.plugin.atom.version.deprecated");
            assertThat(doc.at("/contributions/notifications/0/chains/0").asText()).isEqualTo("zoe-chain");
        }

        @Test
        void feedbackWrittenUnderTheirLoginJoinsWhatTheCatalogTiesToTheirIdOnce() {
            RatingData before = new RatingData("other-atom", 2, Instant.parse("2025-12-01T10:00:00Z"), Instant.parse("2025-12-01T10:00:00Z"));
            CommentData earlier = new CommentData(UUID.randomUUID(), "other-atom", "Before I registered", Instant.parse("2025-12-01T10:00:00Z"));
            AuthorFeedback authored = new AuthorFeedback("sub-1", List.of(RATED, before), List.of(COMMENTED, earlier));
            ObjectNode doc = documents.portability(REQUEST, reports(PROFILE, CATALOG, authored, null), NOW);
            assertThat(doc.at("/contributions/ratings").findValuesAsText("atom")).containsExactly("packet-shaper", "other-atom");
            assertThat(doc.at("/contributions/comments").findValuesAsText("body")).containsExactly("Works well", "Before I registered");
            assertThat(doc.get("loginAccount").isNull()).as("no account at the identity provider").isTrue();
        }

        @Test
        void aUserWhoIsNotAContributorHasOnlyWhatTheyWroteAndTheirLogin() {
            AuthorFeedback authored = new AuthorFeedback("sub-2", List.of(RATED), null);
            ObjectNode doc = documents.portability(REQUEST, reports(null, null, authored, ACCOUNT), NOW);
            assertThat(doc.at("/profile/email").isNull()).isTrue();
            assertThat(doc.at("/contributions/ratings/0/stars").asInt()).isEqualTo(4);
            assertThat(doc.at("/contributions/comments").isEmpty()).isTrue();
            assertThat(doc.get("contributions").has("atoms")).isFalse();
        }
    }

    @Nested
    class Access {
        OwnRecords own(List<RequestView> requests, List<ContactRequest> sent) {
            return new OwnRecords(requests, sent, List.of(), List.of(), Optional.empty());
        }

        RequestView view(UUID id, RequestStatus status) {
            return new RequestView(id, RequestType.ACCESS, status, "sub-1", CONTRIBUTOR, NOW, LocalDate.of(2026, 4, 10), 0, false, null, null,
                    null, false, true, null, null, null, List.of());
        }

        @Test
        void everythingEachHolderReportedWithTheRegisterOfHolders() {
            ObjectNode doc = documents.access(REQUEST, "sub-1", CONTRIBUTOR, reports(PROFILE, CATALOG, null, ACCOUNT),
                    own(List.of(view(REQUEST, RequestStatus.IN_PROGRESS)), List.of()), NOW, NOW.plusSeconds(86_400));
            assertThat(doc.get("format").asText()).isEqualTo("plugin-access-export/1");
            assertThat(doc.at("/subject/registeredContributor").asBoolean()).isTrue();
            assertThat(doc.at("/personalData/profile/email").asText()).isEqualTo("zoe@example.org");
            assertThat(doc.at("/contributions/ledger/0/event").asText()).isEqualTo("ATOM_CREATED");
            assertThat(doc.at("/contributions/subscriptions/0/atom").asText()).isEqualTo("packet-shaper");
            assertThat(doc.at("/contributions/notifications/0/type").asText()).isEqualTo("org.plugin.atom.version.deprecated");
            assertThat(doc.at("/contributions/notifications/0/chains/0").asText()).isEqualTo("zoe-chain");
            assertThat(doc.at("/identityProvider/registeredAccount").asBoolean()).isTrue();
            assertThat(doc.at("/identityProvider/account/createdAt").asText()).isEqualTo("2026-01-01T10:00:00Z");
            assertThat(doc.at("/processing/holders/0/purpose").asText()).isEqualTo(IdentityProvider.PURPOSE);
            // the request being fulfilled is shown as it will be once the document is stored
            assertThat(doc.at("/privacyRequests/0/status").asText()).isEqualTo("COMPLETED");
            assertThat(doc.has("feedback")).as("atom-service's feedback by author was not asked").isFalse();
        }

        @Test
        void aUserWithoutContributorRecordNorLoginAccount() {
            ContactRequest sent = new ContactRequest();
            sent.id = UUID.randomUUID();
            sent.targetContributorId = CONTRIBUTOR;
            sent.message = "May I reuse your firewall?";
            sent.status = ContactRequest.Status.PENDING;
            sent.createdAt = NOW;
            ObjectNode doc = documents.access(REQUEST, "sub-9", null, reports(null, null, new AuthorFeedback("sub-9", null, null), null),
                    own(List.of(), List.of(sent)), NOW, NOW.plusSeconds(86_400));
            assertThat(doc.at("/subject/registeredContributor").asBoolean()).isFalse();
            assertThat(doc.get("personalData").isNull()).isTrue();
            assertThat(doc.at("/identityProvider/registeredAccount").asBoolean()).isFalse();
            assertThat(doc.at("/identityProvider/account").isNull()).isTrue();
            assertThat(doc.at("/feedback/ratings").isArray()).isTrue();
            assertThat(doc.at("/contactRequests/sent/0/message").asText()).isEqualTo("May I reuse your firewall?");
            assertThat(doc.at("/contactRequests/sent/0/status").asText()).isEqualTo("PENDING");
            assertThat(doc.at("/contactRequests/receivedThroughTheOperator").isEmpty()).isTrue();
        }
    }
}
