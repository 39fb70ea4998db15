package org.plugin.contributor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.common.error.DomainException.Kind.CONFLICT;
import static org.plugin.common.error.DomainException.Kind.FORBIDDEN;
import static org.plugin.common.error.DomainException.Kind.INVALID;
import static org.plugin.common.error.DomainException.Kind.NOT_FOUND;
import static org.plugin.contributor.support.Refusals.assertRefused;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.contributor.api.ContributorDtos.AdminView;
import org.plugin.contributor.api.ContributorDtos.PublicView;
import org.plugin.contributor.api.ContributorDtos.Rectification;
import org.plugin.contributor.api.ContributorDtos.Registration;
import org.plugin.contributor.api.ContributorDtos.RestrictionChange;
import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.Contributor.Status;
import org.plugin.contributor.repository.ContributorRepository.UniqueValue;
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
 * The rules of contributor accounts, without Quarkus or a database: the service built on in-memory
 * repositories and a stopped clock; what it records for the outboxes is read, nothing is sent.
 */
class ContributorServiceTest {

    static final Instant REGISTERED = Instant.parse("2025-01-10T09:00:00Z");
    static final Instant NOW = Instant.parse("2025-02-03T10:15:30.123456Z");

    final FixedClock clock = new FixedClock(NOW);
    final InMemoryContributors contributors = new InMemoryContributors();
    final InMemoryAudits.Rectifications rectifications = new InMemoryAudits.Rectifications();
    final InMemoryAudits.EmailReads emailReads = new InMemoryAudits.EmailReads();
    final InMemoryOutboxes.Deactivations deactivations = new InMemoryOutboxes.Deactivations();
    final InMemoryOutboxes.Sync marks = new InMemoryOutboxes.Sync();
    final ContributorService service = new ContributorService(contributors, rectifications, emailReads, deactivations,
            new AccountSync(marks, contributors, null, null, clock, new TestOutboxConfig(), new SimpleMeterRegistry()),
            new AccessRules(), clock);

    Contributor zoe = contributors.add(Contributors.active("zoe", REGISTERED));

    @Nested
    class Registering {

        @Test
        void theCallerIsRegisteredActiveAndTheIdentityProviderIsToFollow() {
            var self = service.register("sub-ada", new Registration("ada", "Ada", "Lovelace", "Ada@Example.org"));

            assertThat(self.accountName()).isEqualTo("ada");
            assertThat(self.since()).isEqualTo(NOW).isEqualTo(self.updatedAt());
            Contributor stored = contributors.rows.get(self.id());
            assertThat(stored.subject).isEqualTo("sub-ada");
            assertThat(stored.status).isEqualTo(Status.ACTIVE);
            assertThat(marks.targetsOf(self.id())).containsExactly(Target.IDENTITY_PROVIDER);
            // concurrent writers of the same values wait for each other, lowercased where uniqueness ignores case
            assertThat(contributors.lockedValues).containsExactlyInAnyOrder("subject:sub-ada", "account:ada", "email:ada@example.org");
        }

        @Test
        void aSubjectThatCannotIdentifyAnyoneIsRefusedBeforeAnythingIsLockedOrStored() {
            assertRefused(() -> service.register("s".repeat(256), new Registration("ada", "Ada", "Lovelace", "ada@example.org")),
                    FORBIDDEN, "Your token has no subject that can identify a contributor");
            assertThat(contributors.lockedValues).isEmpty();
            assertThat(contributors.rows).hasSize(1);
        }

        @Test
        void aSubjectAnAccountNameOrAnEmailTakenInAnyCaseIsAConflict() {
            assertRefused(() -> service.register("sub-zoe", new Registration("zoe-two", "Zoë", "Doe", "other@example.org")),
                    CONFLICT, "You are already registered as a contributor");
            assertRefused(() -> service.register("sub-other", new Registration("ZOE", "Zoë", "Doe", "other@example.org")),
                    CONFLICT, "This account name is already taken");
            assertRefused(() -> service.register("sub-other", new Registration("other", "Zoë", "Doe", "ZOE@example.ORG")),
                    CONFLICT, "This email address is already used by another contributor");
            assertThat(contributors.rows).hasSize(1);
            assertThat(marks.marks).isEmpty();
        }

        @Test
        void aDeactivatedContributorRegistersAgainOnlyOnceErasedAndIsToldWhen() {
            zoe.status = Status.DEACTIVATED;
            zoe.deactivatedAt = Instant.parse("2024-01-31T12:00:00Z");
            assertRefused(() -> service.register("sub-zoe", new Registration("zoe-two", "Zoë", "Doe", "other@example.org")),
                    CONFLICT, "Your contributor account is deactivated; a new one can be registered once it is erased (by 2024-02-29)");
        }

        @Test
        void aRaceLostAtAUniqueIndexIsAnsweredAsThePreCheckWouldHave() {
            contributors.takeOnNextWrite(UniqueValue.ACCOUNT_NAME);
            assertRefused(() -> service.register("sub-ada", new Registration("ada", "Ada", "Lovelace", "ada@example.org")),
                    CONFLICT, "This account name is already taken");
            assertThat(marks.marks).isEmpty();
        }
    }

    @Nested
    class Views {

        @Test
        void aUserSeesThePublicViewOfAnActiveContributorOnly() {
            assertThat(service.view("ZOE", Callers.user("bob"))).isEqualTo(new PublicView("zoe", "Zoë", "O'Brien-Núñez", REGISTERED));
            zoe.status = Status.DEACTIVATED;
            assertRefused(() -> service.view("zoe", Callers.user("bob")), NOT_FOUND, "No active contributor with this account name");
            assertThat(emailReads.rows).isEmpty();
        }

        @Test
        void anAdminSeesAContributorOfAnyStatusAndTheReadOfTheEmailIsRecorded() {
            zoe.status = Status.DEACTIVATED;
            var view = service.view("zoe", Callers.admin("ada"));

            assertThat(view).isInstanceOfSatisfying(AdminView.class, admin -> assertThat(admin.email()).isEqualTo("zoe@example.org"));
            assertThat(emailReads.rows).singleElement().satisfies(read -> {
                assertThat(read.contributorId).isEqualTo(zoe.id);
                assertThat(read.readerSubject).isEqualTo("sub-ada");
                assertThat(read.readerName).isEqualTo("ada");
                assertThat(read.context).isEqualTo(EmailRead.Context.PROFILE);
                assertThat(read.readAt).isEqualTo(NOW);
            });
            assertRefused(() -> service.view("nobody", Callers.admin("ada")), NOT_FOUND, "No contributor with this account name");
        }

        @Test
        void theOwnRecordIsFoundByTheWholeSubject() {
            assertThat(service.me("sub-zoe").id()).isEqualTo(zoe.id);
            assertRefused(() -> service.me("sub-zo"), NOT_FOUND, "You are not registered as a contributor");
        }

        @Test
        void namesComeInTheOrderAskedEachOnceUnknownIdsLeftOut() {
            Contributor bob = contributors.add(Contributors.active("bob", REGISTERED));
            var names = service.names(List.of(bob.id, UUID.randomUUID(), zoe.id, bob.id));
            assertThat(names).extracting(n -> n.accountName()).containsExactly("bob", "zoe");
        }

        @Test
        void resolvingAnUnknownSubjectOrAccountNameIsNotFound() {
            assertThat(service.resolveBySubject("sub-zoe").id()).isEqualTo(zoe.id);
            assertThat(service.resolveByAccountName("Zoe").id()).isEqualTo(zoe.id);
            assertRefused(() -> service.resolveBySubject("sub-nobody"), NOT_FOUND, "No contributor registered by this subject");
            assertRefused(() -> service.resolveByAccountName("nobody"), NOT_FOUND, "No contributor with this account name");
        }
    }

    @Nested
    class Rectifying {

        @Test
        void eachChangedFieldIsAuditedWithoutItsOldValueAndTheIdentityProviderIsToFollow() {
            var self = service.rectifyOwn("sub-zoe", new Rectification("Zoë", "Doe", "zoe@new.example.org"));

            assertThat(self.lastName()).isEqualTo("Doe");
            assertThat(self.email()).isEqualTo("zoe@new.example.org");
            assertThat(self.updatedAt()).isEqualTo(NOW);
            assertThat(rectifications.rows).extracting(a -> a.field).containsExactly("lastName", "email");
            assertThat(rectifications.rows).allSatisfy(a -> {
                assertThat(a.actorType).isEqualTo(RectificationAudit.ActorType.CONTRIBUTOR);
                assertThat(a.actor).isEqualTo("sub-zoe");
                assertThat(a.changedAt).isEqualTo(NOW);
            });
            assertThat(contributors.lockedValues).containsExactly("email:zoe@new.example.org");
            assertThat(marks.targetsOf(zoe.id)).containsExactly(Target.IDENTITY_PROVIDER);
        }

        @Test
        void theSameValuesAgainChangeNothingAndAreNotAudited() {
            service.rectifyOwn("sub-zoe", new Rectification("Zoë", null, "zoe@example.org"));
            assertThat(zoe.updatedAt).isEqualTo(REGISTERED);
            assertThat(rectifications.rows).isEmpty();
            assertThat(marks.marks).isEmpty();
        }

        @Test
        void nothingToChangeIsInvalid() {
            assertRefused(() -> service.rectifyOwn("sub-zoe", new Rectification(null, null, null)), INVALID,
                    "Nothing to change: give at least one of firstName, lastName, email");
        }

        @Test
        void anotherContributorsEmailInAnyCaseIsAConflictAndNothingChanges() {
            contributors.add(Contributors.active("bob", REGISTERED));
            assertRefused(() -> service.rectifyOwn("sub-zoe", new Rectification(null, null, "BOB@example.org")), CONFLICT,
                    "This email address is already used by another contributor");
            assertThat(zoe.email).isEqualTo("zoe@example.org");
            assertThat(rectifications.rows).isEmpty();
        }

        @Test
        void aDeactivatedContributorCanNoLongerRectifyTheirRecord() {
            zoe.status = Status.DEACTIVATED;
            assertRefused(() -> service.rectifyOwn("sub-zoe", new Rectification("Zed", null, null)), CONFLICT,
                    "Your account is deactivated and can no longer be changed; a rectification can still be requested from the operator");
            assertRefused(() -> service.rectifyOwn("sub-nobody", new Rectification("Zed", null, null)), NOT_FOUND,
                    "You are not registered as a contributor");
        }
    }

    @Nested
    class Deactivating {

        @Test
        void theAccountIsDeactivatedAtOnceAndItsErasureIsDueACalendarMonthLater() {
            clock.set(Instant.parse("2024-01-31T11:00:00Z"));
            var deactivation = service.deactivateOwn("sub-zoe");

            assertThat(zoe.status).isEqualTo(Status.DEACTIVATED);
            assertThat(deactivation.deactivatedAt()).isEqualTo(Instant.parse("2024-01-31T11:00:00Z"));
            // 31 January plus one month is 29 February (2024), same wall-clock time in Paris: not 30 days
            assertThat(deactivation.erasureDueAt()).isEqualTo(Instant.parse("2024-02-29T11:00:00Z"));
            assertThat(deactivations.rows).singleElement().satisfies(event -> {
                assertThat(event.contributorId).isEqualTo(zoe.id);
                assertThat(event.deactivatedAt).isEqualTo(deactivation.deactivatedAt());
                assertThat(event.nextAttemptAt).isEqualTo(deactivation.deactivatedAt());
                assertThat(event.attempts).isZero();
            });
            assertThat(marks.targetsOf(zoe.id)).containsExactly(Target.IDENTITY_PROVIDER);
        }

        @Test
        void theDeadlineKeepsTheWallClockTimeInParisAcrossTheChangeToSummerTime() {
            clock.set(Instant.parse("2025-03-15T11:00:00Z")); // 12:00 in Paris, winter time
            assertThat(service.deactivateOwn("sub-zoe").erasureDueAt()).isEqualTo(Instant.parse("2025-04-15T10:00:00Z"));
        }

        @Test
        void deactivatingAgainChangesNothing() {
            var first = service.deactivateOwn("sub-zoe");
            clock.move(Duration.ofDays(3));
            var again = service.deactivateOwn("sub-zoe");

            assertThat(again).isEqualTo(first);
            assertThat(deactivations.rows).hasSize(1);
            assertThat(marks.marks).hasSize(1);
        }
    }

    @Nested
    class Restricting {

        @Test
        void anAdminSetsTheRestrictionAndAtomServiceIsToFollow() {
            var state = service.restrict("zoe", new RestrictionChange(true, "request R-1"), Callers.admin("ada"));

            assertThat(state.restricted()).isTrue();
            assertThat(state.reason()).isEqualTo("request R-1");
            assertThat(state.changedAt()).isEqualTo(NOW);
            assertThat(zoe.restrictionChangedBy).isEqualTo("user:ada");
            assertThat(marks.targetsOf(zoe.id)).containsExactly(Target.ATOM_SERVICE);
        }

        @Test
        void askingForTheCurrentStateChangesNothing() {
            var state = service.restrict("zoe", new RestrictionChange(false, "nothing"), Callers.admin("ada"));
            assertThat(state.changedAt()).isNull();
            assertThat(state.reason()).isNull();
            assertThat(marks.marks).isEmpty();
        }

        @Test
        void anUnknownAccountNameIsNotFound() {
            assertRefused(() -> service.restrict("nobody", new RestrictionChange(true, null), Callers.admin("ada")), NOT_FOUND,
                    "No contributor with this account name");
        }
    }
}
