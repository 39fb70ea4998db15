package org.plugin.atom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.plugin.atom.repository.LedgerEntry.ActorKind;
import org.plugin.atom.support.AtomConfigs;
import org.plugin.atom.support.FakeContributorService;
import org.plugin.atom.support.FakeContributorService.Known;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.Caller;
import org.plugin.common.security.Roles;

/** Who may do what, decided from the caller's token and contributor-service's answer (in memory here). */
class AccessRulesTest {

    final FakeContributorService contributors = new FakeContributorService();
    final Known alice = contributors.register("alice");
    final Known bob = contributors.register("bob");

    AccessRules rules(Caller caller) {
        return new AccessRules(() -> caller, new ContributorDirectory(contributors.client(), AtomConfigs.config(Duration.ofSeconds(3), Duration.ZERO)));
    }

    static Caller user(Known who) {
        return new Caller(who.subject(), who.accountName(), "frontend", Set.of(Roles.USER), null);
    }

    static Caller admin() {
        return new Caller("sub-admin", "admin", "frontend", Set.of(Roles.USER, Roles.ADMIN), null);
    }

    static Caller ci(String client, String claim) {
        return new Caller("service-account-" + client, null, client, Set.of(Roles.CI), claim);
    }

    static DomainException refusal(Runnable call) {
        return catchThrowableOfType(DomainException.class, call::run);
    }

    @Test
    void theOwnerActsAsTheContributorTheySubjectResolvesTo() {
        Actor actor = rules(user(alice)).requireOwner(alice.id(), "router", "register its versions");
        assertThat(actor).isEqualTo(new Actor(ActorKind.CONTRIBUTOR, alice.id(), null, null));
    }

    @Test
    void anotherContributorIsRefusedNamingTheAtomAndTheAction() {
        var refused = refusal(() -> rules(user(bob)).requireOwner(alice.id(), "router", "register its versions"));
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(refused.detail()).isEqualTo("Only the owner of Atom 'router' may register its versions");
        assertThat(refusal(() -> rules(user(bob)).requireOwnerOrAdmin(alice.id(), "chain 'edge'", "delete it")).detail())
                .isEqualTo("Only the owner of chain 'edge' or an admin may delete it");
    }

    @Test
    void anErasedOwnerLeavesNoOneButAdminsToAct() {
        assertThat(refusal(() -> rules(user(alice)).requireOwnerOrAdmin(null, "Atom 'router'", "change it")).kind())
                .isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(rules(admin()).requireOwnerOrAdmin(null, "Atom 'router'", "change it").kind()).isEqualTo(ActorKind.ADMIN);
    }

    @Test
    void anAdminActsAsSuchWithoutAskingContributorService() {
        contributors.down = true;
        AccessRules rules = rules(admin());
        rules.resolveBeforeLocking();
        assertThat(rules.requireOwnerOrAdmin(alice.id(), "Atom 'router'", "remove it"))
                .isEqualTo(new Actor(ActorKind.ADMIN, null, null, "sub-admin"));
        assertThat(rules.maySeeDrafts(alice.id())).isTrue();
        assertThat(contributors.resolveCalls).isEmpty();
    }

    @Test
    void aCiTokenActsForTheContributorItsClaimNamesAndIsRecordedWithItsClient() {
        Actor actor = rules(ci("ci-alice", "alice")).requireOwner(alice.id(), "router", "register its versions");
        assertThat(actor).isEqualTo(new Actor(ActorKind.CI, alice.id(), "ci-alice", null));
        assertThat(rules(ci(null, "alice")).asContributor().ciClient()).as("no azp: the token's subject names the client")
                .isEqualTo("service-account-null");
    }

    @Test
    void aCiTokenWithoutAClaimOrForAnUnknownAccountIsRefusedWithoutNamingTheAccount() {
        assertThat(refusal(() -> rules(ci("ci-x", null)).contributor()).detail()).contains(Roles.CI_CONTRIBUTOR_CLAIM);
        assertThat(refusal(() -> rules(ci("ci-x", " ")).contributor()).kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        var unknown = refusal(() -> rules(ci("ci-x", "mallory")).contributor());
        assertThat(unknown.detail()).isEqualTo("The CI client ci-x publishes for an account name that is not a registered contributor")
                .doesNotContain("mallory");
    }

    @Test
    void onlyActiveRegisteredContributorsMayContribute() {
        Known gone = contributors.register("gone", "DEACTIVATED");
        assertThat(refusal(() -> rules(user(gone)).contributor()).detail())
                .isEqualTo("Your contributor account is DEACTIVATED; only ACTIVE contributors may contribute");
        assertThat(refusal(() -> rules(ci("ci-gone", "gone")).contributor()).detail())
                .isEqualTo("The CI client ci-gone publishes for a contributor whose account is DEACTIVATED, not ACTIVE");
        Caller stranger = new Caller("sub-stranger", "stranger", "frontend", Set.of(Roles.USER), null);
        assertThat(refusal(() -> rules(stranger).contributor()).detail())
                .isEqualTo("You are not a registered contributor; register at /api/contributors first");
        assertThat(rules(stranger).userContributor()).as("feedback attribution: not a contributor, not an error").isEmpty();
    }

    @Test
    void whenContributorServiceDoesNotAnswerAWriteIsUnavailableButDraftsAreSimplyHidden() {
        contributors.down = true;
        AccessRules rules = rules(user(alice));
        assertThat(refusal(rules::resolveBeforeLocking).kind()).isEqualTo(DomainException.Kind.UNAVAILABLE);
        assertThat(rules.maySeeDrafts(alice.id())).isFalse();
    }

    @Test
    void draftsShowToTheirOwnerAndAdminsOnly() {
        assertThat(rules(user(alice)).maySeeDrafts(alice.id())).isTrue();
        assertThat(rules(user(bob)).maySeeDrafts(alice.id())).isFalse();
        assertThat(rules(user(alice)).maySeeDrafts(null)).isFalse();
        assertThat(rules(ci("ci-alice", "alice")).maySeeDrafts(alice.id())).isTrue();
        Caller adminCi = new Caller("sub-x", null, "ci-x", Set.of(Roles.ADMIN, Roles.CI), "bob");
        assertThat(rules(adminCi).maySeeDrafts(alice.id())).as("a CI token is judged as its contributor, admin role or not").isFalse();
    }

    @Test
    void theCallerIsResolvedOncePerRequest() {
        AccessRules rules = rules(user(alice));
        rules.resolveBeforeLocking();
        rules.requireOwnerOrAdmin(alice.id(), "Atom 'router'", "change it");
        rules.maySeeDrafts(alice.id());
        assertThat(contributors.resolveCalls).containsExactly("alice");
    }

    @Test
    void commentsAreDeletedByTheirAuthorOrModeratedByAnAdmin() {
        assertThat(rules(user(alice)).moderates(alice.subject())).isFalse();
        assertThat(rules(admin()).moderates(alice.subject())).isTrue();
        assertThat(refusal(() -> rules(user(bob)).moderates(alice.subject())).detail())
                .isEqualTo("Only the author of a comment or an admin may delete it");
    }

    @Test
    void adminsSeeAdminSubjectsInTheLedgerAndMaySeeDraftsWhenChaining() {
        assertThat(rules(admin()).maySeeAdminSubjects()).isTrue();
        assertThat(rules(user(alice)).maySeeAdminSubjects()).isFalse();
        Actor aliceActs = new Actor(ActorKind.CONTRIBUTOR, alice.id(), null, null);
        assertThat(rules(user(alice)).maySeeDraftsWhenChaining(alice.id(), aliceActs)).isTrue();
        assertThat(rules(user(alice)).maySeeDraftsWhenChaining(UUID.randomUUID(), aliceActs)).isFalse();
        assertThat(rules(admin()).maySeeDraftsWhenChaining(UUID.randomUUID(), aliceActs)).isTrue();
    }
}
