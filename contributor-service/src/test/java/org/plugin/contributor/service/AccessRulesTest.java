package org.plugin.contributor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.contributor.support.Refusals.assertRefused;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plugin.common.error.DomainException;
import org.plugin.contributor.repository.Contributor.Status;
import org.plugin.contributor.support.Callers;

/** Who may see and do what, without Quarkus: the rules a role alone does not say. */
class AccessRulesTest {

    final AccessRules rules = new AccessRules();

    @Nested
    class RegisteringSubject {

        @Test
        void aSubjectOfUpTo255CharactersIsTheCallersIdentity() {
            String longest = "s".repeat(255);
            assertThat(rules.registeringSubject(longest)).isEqualTo(longest);
            assertThat(rules.registeringSubject("f3c1e6a0-5b7d-4c43-9a55-0c1f6f0d2b11")).isEqualTo("f3c1e6a0-5b7d-4c43-9a55-0c1f6f0d2b11");
        }

        @Test
        void noSubjectAnEmptyOneAnOverlongOneOrOneWithNulIdentifiesNoOne() {
            for (String subject : new String[] { null, "", "s".repeat(256), "sub\0ject" }) {
                assertRefused(() -> rules.registeringSubject(subject), DomainException.Kind.FORBIDDEN,
                        "Your token has no subject that can identify a contributor");
            }
        }
    }

    @Nested
    class PersonalData {

        @Test
        void onlyAdminsSeePersonalData() {
            assertThat(rules.seesPersonalData(Callers.admin("ada"))).isTrue();
            assertThat(rules.seesPersonalData(Callers.user("zoe"))).isFalse();
            assertThat(rules.seesPersonalData(Callers.service("privacy-service"))).isFalse();
        }
    }

    @Nested
    class ListedStatus {

        @Test
        void everyoneListsActiveContributorsByDefault() {
            assertThat(rules.listedStatus(Callers.user("zoe"), null)).isEqualTo(Status.ACTIVE);
            assertThat(rules.listedStatus(Callers.user("zoe"), Status.ACTIVE)).isEqualTo(Status.ACTIVE);
            assertThat(rules.listedStatus(Callers.admin("ada"), null)).isEqualTo(Status.ACTIVE);
        }

        @Test
        void adminsListAnyStatus() {
            assertThat(rules.listedStatus(Callers.admin("ada"), Status.DEACTIVATED)).isEqualTo(Status.DEACTIVATED);
            assertThat(rules.listedStatus(Callers.admin("ada"), Status.ERASED)).isEqualTo(Status.ERASED);
        }

        @Test
        void othersAreRefusedAnyOtherStatus() {
            for (Status status : new Status[] { Status.DEACTIVATED, Status.ERASED }) {
                assertRefused(() -> rules.listedStatus(Callers.user("zoe"), status), DomainException.Kind.FORBIDDEN,
                        "Only admins can list contributors who are not active");
            }
        }
    }
}
