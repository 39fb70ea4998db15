package org.plugin.privacy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.privacy.support.UnitFixtures.admin;
import static org.plugin.privacy.support.UnitFixtures.noSubject;
import static org.plugin.privacy.support.UnitFixtures.refusal;
import static org.plugin.privacy.support.UnitFixtures.user;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plugin.common.error.DomainException;
import org.plugin.privacy.repository.ContactRequest;
import org.plugin.privacy.repository.PrivacyRequest;
import org.plugin.privacy.support.UnitFixtures;

/** Who sees which request and contact request: its requester, admins for requests, and no one else. */
@Tag(UnitFixtures.UNIT)
class AccessRulesTest {

    final AccessRules access = new AccessRules();

    static PrivacyRequest requestOf(String subject) {
        PrivacyRequest r = new PrivacyRequest();
        r.id = UUID.randomUUID();
        r.subject = subject;
        return r;
    }

    static ContactRequest contactFrom(String subject) {
        ContactRequest c = new ContactRequest();
        c.id = UUID.randomUUID();
        c.requesterSubject = subject;
        return c;
    }

    @Test
    void aTokenWithoutSubjectIsRefusedEverywhere() {
        DomainException refused = refusal(() -> access.subject(noSubject()));
        assertThat(refused.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(refused.detail()).isEqualTo("The token names no subject");
        PrivacyRequest r = requestOf("alice");
        assertThat(refusal(() -> access.visibleRequest(noSubject(), r.id, Optional.of(r))).kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
    }

    @Test
    void aRequestIsItsRequestersAndTheAdmins() {
        PrivacyRequest r = requestOf("alice");
        assertThat(access.visibleRequest(user("alice"), r.id, Optional.of(r))).isSameAs(r);
        assertThat(access.visibleRequest(admin("dpo"), r.id, Optional.of(r))).isSameAs(r);
    }

    @Test
    void someoneElsesRequestIsAsUnknownAsAWrongId() {
        PrivacyRequest r = requestOf("alice");
        DomainException others = refusal(() -> access.visibleRequest(user("mallory"), r.id, Optional.of(r)));
        DomainException unknown = refusal(() -> access.visibleRequest(user("mallory"), r.id, Optional.empty()));
        assertThat(others.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(others.detail()).isEqualTo(unknown.detail()).isEqualTo("No privacy request " + r.id + " for you");
        // an erased requester's request has no subject left: only admins see it
        PrivacyRequest erased = requestOf(null);
        assertThat(refusal(() -> access.visibleRequest(user("alice"), erased.id, Optional.of(erased))).kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(access.visibleRequest(admin("dpo"), erased.id, Optional.of(erased))).isSameAs(erased);
    }

    @Test
    void anAdminReadingSomeoneElsesDocumentIsAudited() {
        PrivacyRequest r = requestOf("alice");
        assertThat(access.readsAnothersData(user("alice"), r)).isFalse();
        assertThat(access.readsAnothersData(admin("dpo"), r)).isTrue();
        assertThat(access.readsAnothersData(admin("alice"), r)).as("an admin reading their own").isFalse();
    }

    @Test
    void aContactRequestIsItsSendersOnlyEvenForAdmins() {
        ContactRequest c = contactFrom("bob");
        assertThat(access.sentContact(user("bob"), c.id, Optional.of(c))).isSameAs(c);
        assertThat(refusal(() -> access.sentContact(admin("dpo"), c.id, Optional.of(c))).detail())
                .isEqualTo("No contact request " + c.id + " of yours");
        assertThat(refusal(() -> access.sentContact(user("bob"), c.id, Optional.empty())).kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
    }

    @Test
    void historiesNameTheServiceTheRequesterOrAnAdminAsTheyAlwaysDid() {
        assertThat(Actors.SYSTEM).isEqualTo("system");
        assertThat(Actors.REQUESTER).isEqualTo("requester");
        assertThat(Actors.admin("f3a1c2")).isEqualTo("admin:f3a1c2");
    }
}
