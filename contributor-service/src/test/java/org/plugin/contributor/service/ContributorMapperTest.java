package org.plugin.contributor.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.plugin.contributor.api.ContributorDtos;
import org.plugin.contributor.api.InternalDtos.ContributorName;
import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.Contributor.Status;
import org.plugin.contributor.support.Contributors;

/** What each view shows of a contributor: the privacy rules of the answers, without Quarkus. */
class ContributorMapperTest {

    static final Instant REGISTERED = Instant.parse("2025-01-10T09:00:00Z");

    @Test
    void thePublicViewShowsTheNoticesThreeFieldsAndNoNameWhileRestricted() {
        Contributor c = Contributors.active("zoe", REGISTERED);
        assertThat(ContributorMapper.publicView(c))
                .isEqualTo(new ContributorDtos.PublicView("zoe", "Zoë", "O'Brien-Núñez", REGISTERED));
        c.restricted = true;
        assertThat(ContributorMapper.publicView(c)).isEqualTo(new ContributorDtos.PublicView("zoe", null, null, REGISTERED));
    }

    @Test
    void theNamesOtherServicesShowFollowStatusAndRestriction() {
        Contributor c = Contributors.active("zoe", REGISTERED);
        assertThat(ContributorMapper.name(c))
                .isEqualTo(new ContributorName(c.id, "zoe", "Zoë", "O'Brien-Núñez", ContributorDtos.Status.ACTIVE, false));
        c.restricted = true;
        assertThat(ContributorMapper.name(c))
                .isEqualTo(new ContributorName(c.id, "zoe", null, null, ContributorDtos.Status.ACTIVE, true));
        c.status = Status.DEACTIVATED;
        assertThat(ContributorMapper.name(c))
                .isEqualTo(new ContributorName(c.id, null, null, null, ContributorDtos.Status.DEACTIVATED, true));
    }

    @Test
    void theAdminAndSelfViewsCarryTheEmailAndTheStatus() {
        Contributor c = Contributors.active("zoe", REGISTERED);
        var admin = ContributorMapper.adminView(c);
        assertThat(admin.email()).isEqualTo("zoe@example.org");
        assertThat(admin.subject()).isEqualTo("sub-zoe");
        assertThat(admin.status()).isEqualTo(ContributorDtos.Status.ACTIVE);
        var self = ContributorMapper.selfView(c);
        assertThat(self.email()).isEqualTo("zoe@example.org");
        assertThat(self.since()).isEqualTo(REGISTERED);
    }

    @Test
    void theErasureDeadlinesDateIsTheDeactivationsDatePlusACalendarMonthInParis() {
        Contributor c = Contributors.active("zoe", REGISTERED);
        c.status = Status.DEACTIVATED;
        // 31 January 23:30 UTC is already 1 February in Paris: due 1 March, not 28 February
        c.deactivatedAt = Instant.parse("2025-01-31T23:30:00Z");
        assertThat(ContributorMapper.deactivation(c).erasureDueDate()).isEqualTo(LocalDate.of(2025, 3, 1));
        c.deactivatedAt = Instant.parse("2024-01-31T12:00:00Z");
        assertThat(ContributorMapper.deactivation(c).erasureDueDate()).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void everyStoredStatusHasItsApiStatusAndBack() {
        for (Status status : Status.values()) {
            ContributorDtos.Status shown = ContributorMapper.status(status);
            assertThat(shown.name()).isEqualTo(status.name());
            assertThat(ContributorMapper.status(shown)).isEqualTo(status);
        }
        assertThat(ContributorMapper.status((ContributorDtos.Status) null)).isNull();
    }
}
