package org.plugin.atom.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.plugin.atom.client.ContributorClient.ResolvedContributor;
import org.plugin.atom.repository.LedgerEntry.ActorKind;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Problems;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, in catalog terms: the one place that turns a token into a contributor and decides
 * ownership. User tokens are resolved by subject, CI tokens by their {@code plugin_contributor}
 * claim; only a registered ACTIVE contributor may contribute. Resolved once per request.
 */
@RequestScoped
public class CurrentActor {

    /** Who the ledger records for an action. */
    public record Actor(ActorKind kind, UUID contributorId, String ciClient, String adminSubject) {
        public static Actor service() {
            return new Actor(ActorKind.SERVICE, null, null, null);
        }
    }

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final ContributorDirectory directory;
    private ResolvedContributor contributor;
    private Optional<ResolvedContributor> userContributor;

    CurrentActor(SecurityIdentity identity, JsonWebToken token, ContributorDirectory directory) {
        this.identity = identity;
        this.token = token;
        this.directory = directory;
    }

    public boolean isCi() {
        return identity.hasRole(Roles.CI);
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    public String subject() {
        return token.getSubject();
    }

    /** The CI client publishing (the token's {@code azp}), null for user tokens. */
    public String ciClient() {
        if (!isCi()) {
            return null;
        }
        Object azp = token.getClaim("azp");
        return azp == null ? token.getSubject() : azp.toString();
    }

    /**
     * The registered, active contributor this caller acts as (a CI token acts for the contributor
     * its claim names). 403 with a clear detail otherwise; 503 when contributor-service does not answer.
     */
    public ResolvedContributor contributor() {
        if (contributor != null) {
            return contributor;
        }
        ResolvedContributor found;
        if (isCi()) {
            Object claim = token.getClaim(Roles.CI_CONTRIBUTOR_CLAIM);
            if (claim == null || claim.toString().isBlank()) {
                throw Problems.forbidden("This CI token carries no " + Roles.CI_CONTRIBUTOR_CLAIM + " claim naming the contributor it publishes for");
            }
            String account = claim.toString();
            // details name the CI client, never the account name of its claim: problem details are logged
            found = directory.byAccountName(account).orElseThrow(() -> Problems.forbidden(
                    "The CI client " + ciClient() + " publishes for an account name that is not a registered contributor"));
            if (!found.active()) {
                throw Problems.forbidden("The CI client " + ciClient() + " publishes for a contributor whose account is "
                        + found.status() + ", not ACTIVE");
            }
        } else {
            found = userContributor().orElseThrow(() -> Problems.forbidden(
                    "You are not a registered contributor; register at /api/contributors first"));
            if (!found.active()) {
                throw Problems.forbidden("Your contributor account is " + found.status() + "; only ACTIVE contributors may contribute");
            }
        }
        contributor = found;
        return found;
    }

    /** The contributor registered by the calling user, if any (any status); for feedback attribution. */
    public Optional<ResolvedContributor> userContributor() {
        if (userContributor == null) {
            userContributor = isCi() ? Optional.empty() : directory.bySubject(subject());
        }
        return userContributor;
    }

    /** The caller as a contributor, recorded in the ledger (CI client included). */
    public Actor asContributor() {
        ResolvedContributor c = contributor();
        return new Actor(isCi() ? ActorKind.CI : ActorKind.CONTRIBUTOR, c.id(), ciClient(), null);
    }

    /** Only the owner (in person or through a CI token acting for them) may do this. */
    public Actor requireOwner(UUID ownerId, String atomName, String action) {
        Actor actor = asContributor();
        if (ownerId == null || !ownerId.equals(actor.contributorId())) {
            throw Problems.forbidden("Only the owner of Atom '" + atomName + "' may " + action);
        }
        return actor;
    }

    /** The owner, or an admin (an admin is recorded as such, without contributor lookup). */
    public Actor requireOwnerOrAdmin(UUID ownerId, String what, String action) {
        if (isAdmin() && !isCi()) {
            return new Actor(ActorKind.ADMIN, null, null, subject());
        }
        Actor actor = asContributor();
        if (ownerId == null || !ownerId.equals(actor.contributorId())) {
            throw Problems.forbidden("Only the owner of " + what + " or an admin may " + action);
        }
        return actor;
    }

    /**
     * Resolves the caller now, before the caller's transaction locks anything: a non-admin's
     * ownership check asks contributor-service (up to its timeouts), and no row lock may be held
     * while waiting for a peer. Admins need no lookup. 403 or 503 as {@link #contributor()}.
     */
    public void resolveBeforeLocking() {
        if (!(isAdmin() && !isCi())) {
            contributor();
        }
    }

    /**
     * Whether this caller sees the DRAFT versions of an Atom owned by {@code ownerId}: its owner (in
     * person, or a CI token acting for them) and admins do; nobody else. Never fails: a caller who
     * cannot be resolved now (not a contributor, or contributor-service not answering) sees no drafts.
     */
    public boolean maySeeDrafts(UUID ownerId) {
        if (isAdmin() && !isCi()) {
            return true;
        }
        if (ownerId == null) {
            return false;
        }
        try {
            return ownerId.equals(contributor().id());
        } catch (HttpProblem notResolved) {
            return false;
        }
    }

    /** An admin acting as such. */
    public Actor asAdmin() {
        return new Actor(ActorKind.ADMIN, null, null, subject());
    }
}
