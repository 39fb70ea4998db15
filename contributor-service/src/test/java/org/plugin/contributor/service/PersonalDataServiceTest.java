package org.plugin.contributor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.common.error.DomainException.Kind.CONFLICT;
import static org.plugin.common.error.DomainException.Kind.NOT_FOUND;
import static org.plugin.contributor.support.Refusals.assertRefused;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.common.idempotency.IdempotencyStore;
import org.plugin.common.security.Caller;
import org.plugin.contributor.api.ContributorDtos;
import org.plugin.contributor.api.ContributorDtos.Rectification;
import org.plugin.contributor.api.ContributorDtos.RestrictionChange;
import org.plugin.contributor.api.InternalDtos.ActorType;
import org.plugin.contributor.api.InternalDtos.Erasure;
import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.Contributor.Status;
import org.plugin.contributor.repository.EmailRead;
import org.plugin.contributor.repository.RectificationAudit;
import org.plugin.contributor.repository.SyncOutbox.Target;
import org.plugin.contributor.support.Callers;
import org.plugin.contributor.support.Contributors;
import org.plugin.contributor.support.FixedClock;
import org.plugin.contributor.support.InMemoryAudits;
import org.plugin.contributor.support.InMemoryContributors;
import org.plugin.contributor.support.InMemoryOutboxes;
import org.plugin.contributor.support.TestOutboxConfig;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * privacy-service's calls about one person (export, rectification and restriction on a request,
 * erasure), without Quarkus or a database.
 */
class PersonalDataServiceTest {

    static final Instant REGISTERED = Instant.parse("2025-01-10T09:00:00Z");
    static final Instant NOW = Instant.parse("2025-02-03T10:15:30Z");
    static final Caller PRIVACY = Callers.service("privacy-service");

    final FixedClock clock = new FixedClock(NOW);
    final InMemoryContributors contributors = new InMemoryContributors();
    final InMemoryAudits.Rectifications rectifications = new InMemoryAudits.Rectifications();
    final InMemoryAudits.EmailReads emailReads = new InMemoryAudits.EmailReads();
    final InMemoryOutboxes.Sync marks = new InMemoryOutboxes.Sync();
    final ContributorService contributorService = new ContributorService(contributors, rectifications, emailReads,
            new InMemoryOutboxes.Deactivations(),
            new AccountSync(marks, contributors, null, null, clock, new TestOutboxConfig(), new SimpleMeterRegistry()),
            new AccessRules(), clock);
    final List<String> forgottenAnswers = new ArrayList<>();
    final PersonalDataService service = new PersonalDataService(contributors, rectifications, emailReads, marks,
            contributorService, clock, new IdempotencyStore(null, clock) {
                @Override
                public int forget(String caller) {
                    forgottenAnswers.add(caller);
                    return 0;
                }
            });

    Contributor zoe = contributors.add(Contributors.active("zoe", REGISTERED));

    @Nested
    class Export {

        @Test
        void theExportHoldsTheProfileTheRestrictionAndBothAudits() {
            service.rectify(zoe.id, new Rectification("Zed", null, null), PRIVACY);
            contributorService.view("zoe", Callers.admin("ada"));
            clock.move(Duration.ofMinutes(5));

            var export = service.export(zoe.id);

            assertThat(export.profile().subject()).isEqualTo("sub-zoe");
            assertThat(export.profile().email()).isEqualTo("zoe@example.org");
            assertThat(export.profile().firstName()).isEqualTo("Zed");
            assertThat(export.restriction().restricted()).isFalse();
            assertThat(export.rectifications()).singleElement().satisfies(entry -> {
                assertThat(entry.field()).isEqualTo("firstName");
                assertThat(entry.actorType()).isEqualTo(ActorType.PRIVACY_REQUEST);
            });
            assertThat(export.emailReads()).singleElement().satisfies(read -> assertThat(read.readerName()).isEqualTo("ada"));
            assertThat(export.exportedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        }

        @Test
        void anUnknownIdIsNotFound() {
            UUID unknown = UUID.randomUUID();
            assertRefused(() -> service.export(unknown), NOT_FOUND, "No contributor with id " + unknown);
        }
    }

    @Nested
    class OnARequest {

        @Test
        void aRectificationIsAuditedAsTheRequestOfTheCallingService() {
            service.rectify(zoe.id, new Rectification(null, null, "zoe@new.example.org"), PRIVACY);

            assertThat(rectifications.rows).singleElement().satisfies(a -> {
                assertThat(a.actorType).isEqualTo(RectificationAudit.ActorType.PRIVACY_REQUEST);
                assertThat(a.actor).isEqualTo("privacy-service");
            });
            assertThat(marks.targetsOf(zoe.id)).containsExactly(Target.IDENTITY_PROVIDER);
        }

        @Test
        void aDeactivatedContributorIsStillRectifiedButAnErasedOneIsNot() {
            zoe.status = Status.DEACTIVATED;
            assertThat(service.rectify(zoe.id, new Rectification("Zed", null, null), PRIVACY).firstName()).isEqualTo("Zed");
            zoe.status = Status.ERASED;
            assertRefused(() -> service.rectify(zoe.id, new Rectification("Zoë", null, null), PRIVACY), CONFLICT,
                    "Contributor " + zoe.id + " is erased: there is nothing left to rectify");
        }

        @Test
        void aRestrictionIsSetByTheCallingClientAndReachesAtomServiceTheSameWay() {
            var state = service.restrict(zoe.id, new RestrictionChange(true, "request R-7"), PRIVACY);

            assertThat(state.restricted()).isTrue();
            assertThat(zoe.restrictionChangedBy).isEqualTo("client:privacy-service");
            assertThat(marks.targetsOf(zoe.id)).containsExactly(Target.ATOM_SERVICE);
        }

        @Test
        void anErasedStubStaysUnrestricted() {
            service.erase(zoe.id);
            var state = service.restrict(zoe.id, new RestrictionChange(true, "request R-7"), PRIVACY);
            assertThat(state.restricted()).isFalse();
            assertThat(marks.marks).isEmpty();
        }
    }

    @Nested
    class Erasing {

        @Test
        void everyPersonalColumnIsNulledLeavingAStubAndTheAuditsGo() {
            service.restrict(zoe.id, new RestrictionChange(true, "request R-7"), PRIVACY);
            service.rectify(zoe.id, new Rectification("Zed", null, null), PRIVACY);
            var read = new EmailRead();
            read.id = UUID.randomUUID();
            read.contributorId = zoe.id;
            emailReads.rows.add(read);
            clock.move(Duration.ofDays(30));

            Erasure erasure = service.erase(zoe.id);

            assertThat(erasure).isEqualTo(new Erasure(zoe.id, ContributorDtos.Status.ERASED, NOW.plus(Duration.ofDays(30))));
            assertThat(List.of(zoe.subject == null, zoe.accountName == null, zoe.firstName == null, zoe.lastName == null,
                    zoe.email == null, zoe.restrictionReason == null, zoe.restrictionChangedBy == null,
                    zoe.restrictionChangedAt == null)).containsOnly(true);
            assertThat(zoe.restricted).isFalse();
            assertThat(zoe.createdAt).isEqualTo(REGISTERED);
            assertThat(rectifications.rows).isEmpty();
            assertThat(emailReads.rows).isEmpty();
            assertThat(marks.deleted).containsExactly(zoe.id);
            assertThat(forgottenAnswers).as("answers kept for retried registrations").containsExactly("sub-zoe");
        }

        @Test
        void erasingAgainAnswersTheSameAndChangesNothing() {
            var first = service.erase(zoe.id);
            clock.move(Duration.ofDays(1));
            assertThat(service.erase(zoe.id)).isEqualTo(first);
            assertThat(marks.deleted).hasSize(1);
        }

        @Test
        void anUnknownIdHasNothingToEraseAndAnswersNow() {
            UUID unknown = UUID.randomUUID();
            assertThat(service.erase(unknown)).isEqualTo(new Erasure(unknown, ContributorDtos.Status.ERASED, NOW));
        }
    }
}
