package org.plugin.privacy.service;

import java.time.Instant;
import java.time.LocalDate;

import org.plugin.common.error.DomainException;
import org.plugin.common.time.Deadlines;
import org.plugin.privacy.api.RequestDtos.Details;
import org.plugin.privacy.api.RequestDtos.Rectification;
import org.plugin.privacy.repository.PrivacyRequest;
import org.plugin.privacy.repository.PrivacyRequest.Status;
import org.plugin.privacy.repository.PrivacyRequest.Type;
import org.plugin.privacy.repository.PrivacyRequest.Work;

/**
 * The life of a data-subject request, without I/O: which decision is allowed in which state, what it
 * changes, which work it leaves for the request worker, and when the request is due. RequestService
 * loads and locks the request and records every change in its history; the worker does the work.
 *
 * <pre>
 *   RECEIVED --(automatic types at once, others approved)--> IN_PROGRESS --(work done)--> COMPLETED
 *       \                                                         \
 *        `------------------(rejected, by an admin or a peer)------`-----------------> REJECTED
 * </pre>
 */
final class RequestLifecycle {

    /** A request can be extended by two more months at most, in total. */
    static final int MAX_EXTENSION_MONTHS = 2;

    private RequestLifecycle() {
    }

    /** One calendar month after receipt, in the operator's zone, plus the months it was extended by. */
    static LocalDate dueDate(Instant receivedAt, int extendedMonths) {
        return Deadlines.dueDate(receivedAt, 1 + extendedMonths);
    }

    /** Open, and due before {@code today}. */
    static boolean overdue(PrivacyRequest r, LocalDate today) {
        return r.status.open() && r.dueDate.isBefore(today);
    }

    /**
     * What a new request carries beyond its type: the changes of a RECTIFICATION (at least one, and
     * only there) and a reason; null when nothing.
     */
    static Details details(Type type, Rectification rectification, String reason) {
        boolean hasChanges = rectification != null && !rectification.empty();
        if (type == Type.RECTIFICATION) {
            if (!hasChanges) {
                throw DomainException.invalid("A RECTIFICATION request needs 'rectification' with at least one of firstName, lastName, email");
            }
        } else if (rectification != null) {
            throw DomainException.invalid("'rectification' is only allowed in a RECTIFICATION request, not in " + type);
        }
        String stripped = reason == null || reason.isBlank() ? null : reason.strip();
        if (rectification == null && stripped == null) {
            return null;
        }
        return new Details(rectification, null, stripped);
    }

    /** A request received now: RECEIVED, due one calendar month later. */
    static PrivacyRequest receive(PrivacyRequest r, Instant now) {
        r.status = Status.RECEIVED;
        r.receivedAt = now;
        r.dueDate = dueDate(now, 0);
        return r;
    }

    /**
     * ACCESS, PORTABILITY and RECTIFICATION need no decision: they go IN_PROGRESS at once, their work
     * scheduled. False for the types that wait for an admin.
     */
    static boolean start(PrivacyRequest r, Instant now) {
        if (!r.type.automatic()) {
            return false;
        }
        r.status = Status.IN_PROGRESS;
        schedule(r, r.type == Type.RECTIFICATION ? Work.RECTIFY : Work.EXPORT, now);
        return true;
    }

    /** An admin approves a RECEIVED RESTRICTION, OBJECTION or ERASURE: IN_PROGRESS, the work scheduled. */
    static void approve(PrivacyRequest r, Instant now) {
        if (r.type.automatic()) {
            throw DomainException.conflict(r.type + " requests are fulfilled by the service on its own; there is nothing to approve");
        }
        if (r.status != Status.RECEIVED) {
            throw DomainException.conflict("Only a RECEIVED request can be approved; this one is " + r.status);
        }
        r.status = Status.IN_PROGRESS;
        schedule(r, r.type == Type.ERASURE ? Work.ERASE : Work.RESTRICT, now);
    }

    /**
     * An admin rejects an open request, unless its erasure job has started or the worker holds it
     * (it is calling the other services for it: rejecting would leave their state behind).
     */
    static void reject(PrivacyRequest r, String reason, Instant now) {
        if (!r.status.open()) {
            throw DomainException.conflict("Only an open request can be rejected; this one is " + r.status);
        }
        if (r.erasureJobId != null) {
            throw DomainException.conflict("The erasure job " + r.erasureJobId + " of this request has started; it cannot be rejected");
        }
        if (r.work != null && r.leaseUntil != null && r.leaseUntil.isAfter(now)) {
            throw DomainException.conflict("The service is applying this request (" + r.work + ") right now; retry in a few minutes");
        }
        r.status = Status.REJECTED;
        r.rejectionReason = reason.strip();
        clearWork(r);
        r.completedAt = now;
    }

    /** An admin marks an open request handled, when the service has no work pending for it. */
    static void complete(PrivacyRequest r, Instant now) {
        if (!r.status.open()) {
            throw DomainException.conflict("Only an open request can be completed; this one is " + r.status);
        }
        if (r.work != null || r.erasureJobId != null) {
            throw DomainException.conflict("This request completes when the service's work for it is done ("
                    + (r.work != null ? r.work : "erasure job " + r.erasureJobId) + ")");
        }
        r.status = Status.COMPLETED;
        r.completedAt = now;
    }

    /** An admin extends an open request by one or two months, two at most in total; due the same day of a later month. */
    static void extend(PrivacyRequest r, int months) {
        if (!r.status.open()) {
            throw DomainException.conflict("Only an open request can be extended; this one is " + r.status);
        }
        if (r.extendedMonths + months > MAX_EXTENSION_MONTHS) {
            throw DomainException.conflict("A request can be extended by " + MAX_EXTENSION_MONTHS
                    + " months at most in total; this one is already extended by " + r.extendedMonths);
        }
        r.extendedMonths += months;
        r.dueDate = dueDate(r.receivedAt, r.extendedMonths);
    }

    /** An admin lifts the restriction a completed RESTRICTION or OBJECTION set: the worker carries it out. */
    static void requestLift(PrivacyRequest r, Instant now) {
        if (!r.type.restricts()) {
            throw DomainException.conflict("Only RESTRICTION and OBJECTION requests set a restriction that can be lifted");
        }
        if (r.status != Status.COMPLETED || !r.restrictionActive) {
            throw DomainException.conflict("This request has no restriction in force to lift");
        }
        if (r.work != null) {
            throw DomainException.conflict("The restriction is already being lifted");
        }
        schedule(r, Work.LIFT, now);
    }

    /** The worker did what the request asked. */
    static void completed(PrivacyRequest r, Instant now) {
        r.status = Status.COMPLETED;
        r.completedAt = now;
        clearWork(r);
        r.lastError = null;
    }

    /** A peer refused what the request asked, for good: the request is closed with its reason. */
    static void rejected(PrivacyRequest r, String reason, Instant now) {
        r.status = Status.REJECTED;
        r.rejectionReason = reason;
        r.completedAt = now;
        clearWork(r);
    }

    /** The restriction the request had set is lifted; the request stays COMPLETED. */
    static void lifted(PrivacyRequest r) {
        r.restrictionActive = false;
        clearWork(r);
        r.lastError = null;
    }

    /** Leaves {@code work} to the request worker, due now, with a fresh count of attempts. */
    static void schedule(PrivacyRequest r, Work work, Instant now) {
        r.work = work;
        r.workAttempts = 0;
        r.nextAttemptAt = now;
        r.leaseUntil = null;
        r.lastError = null;
    }

    static void clearWork(PrivacyRequest r) {
        r.work = null;
        r.nextAttemptAt = null;
        r.leaseUntil = null;
    }
}
