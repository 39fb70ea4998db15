package org.plugin.contributor.service;

import org.plugin.common.time.Deadlines;
import org.plugin.contributor.api.ContributorDtos.AdminView;
import org.plugin.contributor.api.ContributorDtos.Deactivation;
import org.plugin.contributor.api.ContributorDtos.PublicView;
import org.plugin.contributor.api.ContributorDtos.RestrictionState;
import org.plugin.contributor.api.ContributorDtos.SelfView;
import org.plugin.contributor.api.ContributorDtos.Status;
import org.plugin.contributor.api.InternalDtos.ActorType;
import org.plugin.contributor.api.InternalDtos.ContributorName;
import org.plugin.contributor.api.InternalDtos.Context;
import org.plugin.contributor.api.InternalDtos.EmailReadEntry;
import org.plugin.contributor.api.InternalDtos.Profile;
import org.plugin.contributor.api.InternalDtos.RectificationEntry;
import org.plugin.contributor.api.InternalDtos.Resolved;
import org.plugin.contributor.api.InternalDtos.Restriction;
import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.EmailRead;
import org.plugin.contributor.repository.RectificationAudit;

/**
 * Entities to the API's records, in one place: what each view shows of a contributor. The privacy
 * rules of the views live here (a restricted contributor's public view and names carry no first or
 * last name; a deactivated or erased one has no name at all in the names batch).
 */
final class ContributorMapper {

    private ContributorMapper() {
    }

    /** What any authenticated user may see: the notice's three fields (no names while restricted), and since when. */
    static PublicView publicView(Contributor c) {
        return c.restricted
                ? new PublicView(c.accountName, null, null, c.createdAt)
                : new PublicView(c.accountName, c.firstName, c.lastName, c.createdAt);
    }

    static AdminView adminView(Contributor c) {
        return new AdminView(c.id, c.accountName, c.firstName, c.lastName, c.email, status(c.status), c.subject, c.restricted,
                c.createdAt, c.updatedAt, c.deactivatedAt, c.erasureDueAt, c.erasedAt);
    }

    static SelfView selfView(Contributor c) {
        return new SelfView(c.id, c.accountName, c.firstName, c.lastName, c.email, status(c.status), c.restricted,
                c.createdAt, c.updatedAt, c.deactivatedAt, c.erasureDueAt);
    }

    static Deactivation deactivation(Contributor c) {
        return new Deactivation(c.id, c.accountName, status(c.status), c.deactivatedAt, c.erasureDueAt,
                Deadlines.dueDate(c.deactivatedAt, 1));
    }

    static RestrictionState restrictionState(Contributor c) {
        return new RestrictionState(c.id, c.accountName, status(c.status), c.restricted, c.restrictionReason,
                c.restrictionChangedAt);
    }

    /** The names another service shows: none for an inactive contributor, only the account name while restricted. */
    static ContributorName name(Contributor c) {
        if (!c.isActive()) {
            return new ContributorName(c.id, null, null, null, status(c.status), c.restricted);
        }
        return c.restricted
                ? new ContributorName(c.id, c.accountName, null, null, status(c.status), true)
                : new ContributorName(c.id, c.accountName, c.firstName, c.lastName, status(c.status), false);
    }

    static Resolved resolved(Contributor c) {
        return new Resolved(c.id, c.accountName, status(c.status), c.restricted, null);
    }

    /** With the login subject: only for a lookup by id (privacy-service's erasure step). */
    static Resolved resolvedWithSubject(Contributor c) {
        return new Resolved(c.id, c.accountName, status(c.status), c.restricted, c.subject);
    }

    static Profile profile(Contributor c) {
        return new Profile(c.id, c.subject, c.accountName, c.firstName, c.lastName, c.email, status(c.status), c.createdAt,
                c.updatedAt, c.deactivatedAt, c.erasureDueAt, c.erasedAt);
    }

    static Restriction restriction(Contributor c) {
        return new Restriction(c.restricted, c.restrictionReason, c.restrictionChangedAt, c.restrictionChangedBy);
    }

    static RectificationEntry rectification(RectificationAudit a) {
        return new RectificationEntry(a.field, a.changedAt, switch (a.actorType) {
            case CONTRIBUTOR -> ActorType.CONTRIBUTOR;
            case PRIVACY_REQUEST -> ActorType.PRIVACY_REQUEST;
        }, a.actor);
    }

    static EmailReadEntry emailRead(EmailRead r) {
        return new EmailReadEntry(r.readAt, r.readerSubject, r.readerName, switch (r.context) {
            case PROFILE -> Context.PROFILE;
            case DIRECTORY -> Context.DIRECTORY;
        });
    }

    static Status status(Contributor.Status status) {
        return switch (status) {
            case ACTIVE -> Status.ACTIVE;
            case DEACTIVATED -> Status.DEACTIVATED;
            case ERASED -> Status.ERASED;
        };
    }

    /** The stored status an API status names (a directory's {@code ?status=}); null stays null. */
    static Contributor.Status status(Status status) {
        return status == null ? null : switch (status) {
            case ACTIVE -> Contributor.Status.ACTIVE;
            case DEACTIVATED -> Contributor.Status.DEACTIVATED;
            case ERASED -> Contributor.Status.ERASED;
        };
    }
}
