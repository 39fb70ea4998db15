package org.plugin.atom.service;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.plugin.atom.client.ContributorClient.ResolvedContributor;
import org.plugin.atom.repository.LedgerEntry.ActorKind;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.Caller;
import org.plugin.common.security.CurrentCaller;
import org.plugin.common.security.Roles;

/**
 * Who may do what in the catalog, decided in one place: the caller (common's {@link Caller}) as a
 * contributor, ownership, draft visibility and moderation. User tokens are resolved to a contributor
 * by their subject, CI tokens by their {@code plugin_contributor} claim, both through
 * contributor-service ({@link ContributorDirectory}), once per request; only a registered ACTIVE
 * contributor may contribute. Refusals are {@link DomainException#forbidden} (403), and
 * {@link DomainException#unavailable} (503) when contributor-service does not answer.
 */
@RequestScoped
public class AccessRules {

    private final Supplier<Caller> caller;
    private final ContributorDirectory directory;
    private ResolvedContributor contributor;
    private Optional<ResolvedContributor> userContributor;

    @Inject
    AccessRules(CurrentCaller caller, ContributorDirectory directory) {
        this(caller::get, directory);
    }

    AccessRules(Supplier<Caller> caller, ContributorDirectory directory) {
        this.caller = caller;
        this.directory = directory;
    }

    /** The caller as their token says. */
    public Caller caller() {
        return caller.get();
    }

    /** An admin acting as such (not through a CI token): sees every draft, needs no contributor lookup. */
    public boolean actsAsAdmin() {
        Caller c = caller();
        return c.admin() && !c.ci();
    }

    /** Admins see who of them acted in the ledger; nobody else does. */
    public boolean maySeeAdminSubjects() {
        return caller().admin();
    }

    /** The CI client publishing (the token's {@code azp}, else its subject), null for user tokens. */
    String ciClient() {
        Caller c = caller();
        if (!c.ci()) {
            return null;
        }
        return c.client() == null ? c.subject() : c.client();
    }

    /**
     * The registered, active contributor this caller acts as (a CI token acts for the contributor
     * its claim names). Forbidden with a clear detail otherwise; unavailable when contributor-service
     * does not answer.
     */
    public ResolvedContributor contributor() {
        if (contributor != null) {
            return contributor;
        }
        Caller c = caller();
        ResolvedContributor found;
        if (c.ci()) {
            String account = c.ciContributor();
            if (account == null || account.isBlank()) {
                throw DomainException.forbidden("This CI token carries no " + Roles.CI_CONTRIBUTOR_CLAIM
                        + " claim naming the contributor it publishes for");
            }
            // details name the CI client, never the account name of its claim: problem details are logged
            found = directory.byAccountName(account).orElseThrow(() -> DomainException.forbidden(
                    "The CI client " + ciClient() + " publishes for an account name that is not a registered contributor"));
            if (!found.active()) {
                throw DomainException.forbidden("The CI client " + ciClient() + " publishes for a contributor whose account is "
                        + found.status() + ", not ACTIVE");
            }
        } else {
            found = userContributor().orElseThrow(() -> DomainException.forbidden(
                    "You are not a registered contributor; register at /api/contributors first"));
            if (!found.active()) {
                throw DomainException.forbidden("Your contributor account is " + found.status() + "; only ACTIVE contributors may contribute");
            }
        }
        contributor = found;
        return found;
    }

    /** The contributor registered by the calling user, if any (any status); for feedback attribution. */
    public Optional<ResolvedContributor> userContributor() {
        if (userContributor == null) {
            Caller c = caller();
            userContributor = c.ci() ? Optional.empty() : directory.bySubject(c.subject());
        }
        return userContributor;
    }

    /** The caller as a contributor, recorded in the ledger (CI client included). */
    public Actor asContributor() {
        ResolvedContributor c = contributor();
        return new Actor(caller().ci() ? ActorKind.CI : ActorKind.CONTRIBUTOR, c.id(), ciClient(), null);
    }

    /** An admin acting as such, recorded in the ledger by subject. */
    public Actor asAdmin() {
        return new Actor(ActorKind.ADMIN, null, null, caller().subject());
    }

    /** Only the owner (in person or through a CI token acting for them) may do this. */
    public Actor requireOwner(UUID ownerId, String atomName, String action) {
        Actor actor = asContributor();
        if (ownerId == null || !ownerId.equals(actor.contributorId())) {
            throw DomainException.forbidden("Only the owner of Atom '" + atomName + "' may " + action);
        }
        return actor;
    }

    /** The owner, or an admin (an admin is recorded as such, without contributor lookup). */
    public Actor requireOwnerOrAdmin(UUID ownerId, String what, String action) {
        if (actsAsAdmin()) {
            return asAdmin();
        }
        Actor actor = asContributor();
        if (ownerId == null || !ownerId.equals(actor.contributorId())) {
            throw DomainException.forbidden("Only the owner of " + what + " or an admin may " + action);
        }
        return actor;
    }

    /**
     * Resolves the caller now, before the caller's transaction locks anything: a non-admin's
     * ownership check asks contributor-service (up to its timeouts), and no row lock may be held
     * while waiting for a peer. Admins need no lookup. Refused or unavailable as {@link #contributor()}.
     */
    public void resolveBeforeLocking() {
        if (!actsAsAdmin()) {
            contributor();
        }
    }

    /**
     * Whether this caller sees the DRAFT versions of an Atom owned by {@code ownerId}: its owner (in
     * person, or a CI token acting for them) and admins do; nobody else. Never fails: a caller who
     * cannot be resolved now (not a contributor, or contributor-service not answering) sees no drafts.
     */
    public boolean maySeeDrafts(UUID ownerId) {
        if (actsAsAdmin()) {
            return true;
        }
        if (ownerId == null) {
            return false;
        }
        try {
            return ownerId.equals(contributor().id());
        } catch (DomainException notResolved) {
            return false;
        }
    }

    /**
     * Whether {@code author} (the contributor creating a chain) sees the drafts of an Atom owned by
     * {@code ownerId} among the chain's references: admins and the owner do; to anyone else another
     * owner's draft is a version that does not exist.
     */
    public boolean maySeeDraftsWhenChaining(UUID ownerId, Actor author) {
        return caller().admin() || Objects.equals(ownerId, author.contributorId());
    }

    /**
     * Whether the caller deletes a comment as its author (false) or as an admin moderating someone
     * else's (true, recorded in the ledger); forbidden for anyone else.
     */
    public boolean moderates(String authorSubject) {
        Caller c = caller();
        if (authorSubject.equals(c.subject())) {
            return false;
        }
        if (!c.admin()) {
            throw DomainException.forbidden("Only the author of a comment or an admin may delete it");
        }
        return true;
    }
}
