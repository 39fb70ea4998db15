package org.plugin.privacy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.privacy.support.UnitFixtures.refusal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plugin.common.error.DomainException;
import org.plugin.privacy.api.RequestDtos.Details;
import org.plugin.privacy.api.RequestDtos.Rectification;
import org.plugin.privacy.repository.PrivacyRequest;
import org.plugin.privacy.repository.PrivacyRequest.Status;
import org.plugin.privacy.repository.PrivacyRequest.Type;
import org.plugin.privacy.repository.PrivacyRequest.Work;
import org.plugin.privacy.support.UnitFixtures;

/** The states of a request, its decisions and its due date, without a database. */
@Tag(UnitFixtures.UNIT)
class RequestLifecycleTest {

    static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");

    static PrivacyRequest received(Type type, Instant at) {
        PrivacyRequest r = new PrivacyRequest();
        r.id = UUID.randomUUID();
        r.type = type;
        return RequestLifecycle.receive(r, at);
    }

    @Nested
    class DueDates {
        @Test
        void aCalendarMonthAfterReceiptEndsOnTheLastDayOfAShorterMonth() {
            assertThat(received(Type.ACCESS, Instant.parse("2026-01-31T10:00:00Z")).dueDate).isEqualTo(LocalDate.of(2026, 2, 28));
            assertThat(received(Type.ACCESS, Instant.parse("2028-01-31T10:00:00Z")).dueDate).isEqualTo(LocalDate.of(2028, 2, 29));
        }

        @Test
        void theDateOfReceiptIsTheOperatorsNotUtcs() {
            // 23:30 UTC on February 28th is already March 1st in Paris: due April 1st, not March 28th
            assertThat(received(Type.ACCESS, Instant.parse("2026-02-28T23:30:00Z")).dueDate).isEqualTo(LocalDate.of(2026, 4, 1));
            // the night summer time starts (March 29th, 2026) and the night it ends (October 25th)
            assertThat(received(Type.ACCESS, Instant.parse("2026-03-28T23:30:00Z")).dueDate).isEqualTo(LocalDate.of(2026, 4, 29));
            assertThat(received(Type.ACCESS, Instant.parse("2026-10-24T22:30:00Z")).dueDate).isEqualTo(LocalDate.of(2026, 11, 25));
        }

        @Test
        void extensionsCountFromReceiptNotFromTheShortenedDueDate() {
            PrivacyRequest r = received(Type.ERASURE, Instant.parse("2026-01-31T10:00:00Z"));
            RequestLifecycle.extend(r, 1);
            assertThat(r.dueDate).isEqualTo(LocalDate.of(2026, 3, 31));
            RequestLifecycle.extend(r, 1);
            assertThat(r.dueDate).isEqualTo(LocalDate.of(2026, 4, 30));
            assertThat(r.extendedMonths).isEqualTo(2);
        }

        @Test
        void twoMonthsAtMostInTotal() {
            PrivacyRequest r = received(Type.ERASURE, NOW);
            RequestLifecycle.extend(r, 2);
            DomainException refused = refusal(() -> RequestLifecycle.extend(r, 1));
            assertThat(refused.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(refused.detail()).contains("2 months at most").contains("already extended by 2");
            assertThat(r.dueDate).isEqualTo(LocalDate.of(2026, 6, 10));
        }

        @Test
        void aClosedRequestIsNotExtended() {
            PrivacyRequest r = received(Type.RESTRICTION, NOW);
            RequestLifecycle.reject(r, "no", NOW);
            assertThat(refusal(() -> RequestLifecycle.extend(r, 1)).detail()).contains("this one is REJECTED");
        }

        @Test
        void overdueIsOpenAndDueBeforeToday() {
            PrivacyRequest r = received(Type.ERASURE, NOW);
            assertThat(RequestLifecycle.overdue(r, LocalDate.of(2026, 4, 10))).isFalse();
            assertThat(RequestLifecycle.overdue(r, LocalDate.of(2026, 4, 11))).isTrue();
            RequestLifecycle.reject(r, "no", NOW);
            assertThat(RequestLifecycle.overdue(r, LocalDate.of(2026, 4, 11))).isFalse();
        }
    }

    @Nested
    class Receipt {
        @Test
        void accessPortabilityAndRectificationStartAtOnce() {
            for (Type type : new Type[] { Type.ACCESS, Type.PORTABILITY, Type.RECTIFICATION }) {
                PrivacyRequest r = received(type, NOW);
                assertThat(RequestLifecycle.start(r, NOW)).isTrue();
                assertThat(r.status).isEqualTo(Status.IN_PROGRESS);
                assertThat(r.work).isEqualTo(type == Type.RECTIFICATION ? Work.RECTIFY : Work.EXPORT);
                assertThat(r.nextAttemptAt).isEqualTo(NOW);
            }
        }

        @Test
        void restrictionObjectionAndErasureWaitForAnAdmin() {
            for (Type type : new Type[] { Type.RESTRICTION, Type.OBJECTION, Type.ERASURE }) {
                PrivacyRequest r = received(type, NOW);
                assertThat(RequestLifecycle.start(r, NOW)).isFalse();
                assertThat(r.status).isEqualTo(Status.RECEIVED);
                assertThat(r.work).isNull();
            }
        }

        @Test
        void aRectificationNeedsAChangeAndOnlyItMayCarryOne() {
            assertThat(refusal(() -> RequestLifecycle.details(Type.RECTIFICATION, null, null)).kind()).isEqualTo(DomainException.Kind.INVALID);
            assertThat(refusal(() -> RequestLifecycle.details(Type.RECTIFICATION, new Rectification(null, null, null), "why")).detail())
                    .contains("at least one of firstName, lastName, email");
            assertThat(refusal(() -> RequestLifecycle.details(Type.ACCESS, new Rectification("Zoë", null, null), null)).detail())
                    .isEqualTo("'rectification' is only allowed in a RECTIFICATION request, not in ACCESS");
        }

        @Test
        void detailsKeepTheChangesAndAStrippedReasonOrNothing() {
            Rectification change = new Rectification(null, "Núñez", null);
            assertThat(RequestLifecycle.details(Type.RECTIFICATION, change, "  my name  ")).isEqualTo(new Details(change, null, "my name"));
            assertThat(RequestLifecycle.details(Type.ACCESS, null, "   ")).isNull();
            assertThat(RequestLifecycle.details(Type.ERASURE, null, null)).isNull();
        }
    }

    @Nested
    class AdminDecisions {
        @Test
        void approvalStartsTheWorkOfARestrictionOrAnErasure() {
            PrivacyRequest restriction = received(Type.OBJECTION, NOW);
            RequestLifecycle.approve(restriction, NOW);
            assertThat(restriction.status).isEqualTo(Status.IN_PROGRESS);
            assertThat(restriction.work).isEqualTo(Work.RESTRICT);
            PrivacyRequest erasure = received(Type.ERASURE, NOW);
            RequestLifecycle.approve(erasure, NOW);
            assertThat(erasure.work).isEqualTo(Work.ERASE);
        }

        @Test
        void onlyAReceivedRequestThatWaitsForADecisionIsApproved() {
            PrivacyRequest access = received(Type.ACCESS, NOW);
            assertThat(refusal(() -> RequestLifecycle.approve(access, NOW)).detail()).contains("nothing to approve");
            PrivacyRequest approved = received(Type.ERASURE, NOW);
            RequestLifecycle.approve(approved, NOW);
            assertThat(refusal(() -> RequestLifecycle.approve(approved, NOW)).detail())
                    .isEqualTo("Only a RECEIVED request can be approved; this one is IN_PROGRESS");
        }

        @Test
        void rejectionClosesAnOpenRequestWithItsReason() {
            PrivacyRequest r = received(Type.RECTIFICATION, NOW);
            RequestLifecycle.start(r, NOW);
            RequestLifecycle.reject(r, "  not you  ", NOW);
            assertThat(r.status).isEqualTo(Status.REJECTED);
            assertThat(r.rejectionReason).isEqualTo("not you");
            assertThat(r.completedAt).isEqualTo(NOW);
            assertThat(r.work).isNull();
            assertThat(refusal(() -> RequestLifecycle.reject(r, "again", NOW)).kind()).isEqualTo(DomainException.Kind.CONFLICT);
        }

        @Test
        void noRejectionWhileTheWorkerHoldsTheRequestOrItsErasureRuns() {
            PrivacyRequest leased = received(Type.RESTRICTION, NOW);
            RequestLifecycle.approve(leased, NOW);
            leased.leaseUntil = NOW.plus(Duration.ofMinutes(2));
            assertThat(refusal(() -> RequestLifecycle.reject(leased, "no", NOW)).detail()).contains("right now");
            // once the lease ran out (its replica died), the admin may
            RequestLifecycle.reject(leased, "no", NOW.plus(Duration.ofMinutes(3)));
            assertThat(leased.status).isEqualTo(Status.REJECTED);

            PrivacyRequest erasing = received(Type.ERASURE, NOW);
            erasing.erasureJobId = UUID.randomUUID();
            assertThat(refusal(() -> RequestLifecycle.reject(erasing, "no", NOW)).detail()).contains("has started");
        }

        @Test
        void anAdminCompletesOnlyWhatHasNoWorkPending() {
            PrivacyRequest pending = received(Type.ACCESS, NOW);
            RequestLifecycle.start(pending, NOW);
            assertThat(refusal(() -> RequestLifecycle.complete(pending, NOW)).detail()).contains("(EXPORT)");
            PrivacyRequest waiting = received(Type.OBJECTION, NOW);
            RequestLifecycle.complete(waiting, NOW);
            assertThat(waiting.status).isEqualTo(Status.COMPLETED);
            assertThat(waiting.completedAt).isEqualTo(NOW);
        }

        @Test
        void aRestrictionInForceIsLiftedOnce() {
            PrivacyRequest r = received(Type.RESTRICTION, NOW);
            assertThat(refusal(() -> RequestLifecycle.requestLift(r, NOW)).detail()).isEqualTo("This request has no restriction in force to lift");
            RequestLifecycle.completed(r, NOW);
            r.restrictionActive = true;
            RequestLifecycle.requestLift(r, NOW);
            assertThat(r.work).isEqualTo(Work.LIFT);
            assertThat(refusal(() -> RequestLifecycle.requestLift(r, NOW)).detail()).isEqualTo("The restriction is already being lifted");
            RequestLifecycle.lifted(r);
            assertThat(r.restrictionActive).isFalse();
            assertThat(r.work).isNull();
            assertThat(r.status).isEqualTo(Status.COMPLETED);
        }

        @Test
        void onlyRestrictionsAndObjectionsAreLifted() {
            PrivacyRequest erasure = received(Type.ERASURE, NOW);
            RequestLifecycle.completed(erasure, NOW);
            assertThat(refusal(() -> RequestLifecycle.requestLift(erasure, NOW)).detail()).startsWith("Only RESTRICTION and OBJECTION");
        }
    }

    @Nested
    class WorkerOutcomes {
        @Test
        void doneWorkCompletesTheRequestAndForgetsTheLastError() {
            PrivacyRequest r = received(Type.ACCESS, NOW);
            RequestLifecycle.start(r, NOW);
            r.lastError = "contributor-service unreachable";
            RequestLifecycle.completed(r, NOW.plusSeconds(60));
            assertThat(r.status).isEqualTo(Status.COMPLETED);
            assertThat(r.completedAt).isEqualTo(NOW.plusSeconds(60));
            assertThat(r.lastError).isNull();
            assertThat(r.work).isNull();
            assertThat(r.nextAttemptAt).isNull();
        }

        @Test
        void aPeersRefusalRejectsTheRequestWithItsReason() {
            PrivacyRequest r = received(Type.RECTIFICATION, NOW);
            RequestLifecycle.start(r, NOW);
            RequestLifecycle.rejected(r, "contributor-service refused the change: email taken", NOW);
            assertThat(r.status).isEqualTo(Status.REJECTED);
            assertThat(r.rejectionReason).isEqualTo("contributor-service refused the change: email taken");
            assertThat(r.work).isNull();
        }
    }
}
