package org.plugin.privacy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plugin.privacy.support.UnitFixtures.refusal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plugin.common.error.DomainException;
import org.plugin.privacy.api.DisclosureDtos.DisclosureView;
import org.plugin.privacy.api.DisclosureDtos.NewDisclosure;
import org.plugin.privacy.repository.Disclosure;
import org.plugin.privacy.support.UnitFixtures;

/** The rules of the notice register and of the register of disclosures to authorities. */
@Tag(UnitFixtures.UNIT)
class RegistersTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void aNoticeVersionTakesEffectFromTodayToTenYearsAhead() {
        NoticeService.checkEffectiveDate(TODAY, TODAY);
        NoticeService.checkEffectiveDate(TODAY.plusYears(10), TODAY);
        assertThat(refusal(() -> NoticeService.checkEffectiveDate(TODAY.minusDays(1), TODAY)).detail())
                .isEqualTo("effectiveDate must be today or later: a published notice cannot take effect in the past");
        assertThat(refusal(() -> NoticeService.checkEffectiveDate(TODAY.plusYears(10).plusDays(1), TODAY)).kind())
                .isEqualTo(DomainException.Kind.INVALID);
    }

    @Test
    void versionNamesAreShortPlainWords() {
        assertThat(NoticeService.versionName("2026-11-29")).isTrue();
        assertThat(NoticeService.versionName("v2.1_final")).isTrue();
        assertThat(NoticeService.versionName(null)).isFalse();
        assertThat(NoticeService.versionName("")).isFalse();
        assertThat(NoticeService.versionName(".hidden")).isFalse();
        assertThat(NoticeService.versionName("../etc/passwd")).isFalse();
        assertThat(NoticeService.versionName("x".repeat(41))).isFalse();
    }

    @Test
    void aDisclosureTookPlaceBetween2000AndToday() {
        DisclosureService.checkDisclosedOn(TODAY, TODAY);
        DisclosureService.checkDisclosedOn(LocalDate.of(2000, 1, 1), TODAY);
        assertThat(refusal(() -> DisclosureService.checkDisclosedOn(TODAY.plusDays(1), TODAY)).detail()).contains("must not be in the future");
        assertThat(refusal(() -> DisclosureService.checkDisclosedOn(LocalDate.of(1999, 12, 31), TODAY)).detail())
                .isEqualTo("disclosedOn must be on or after 2000-01-01");
    }

    @Test
    void theRegisterKeepsEachContributorAndCategoryOnceAndShowsThemSorted() {
        UUID first = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID second = UUID.fromString("00000000-0000-0000-0000-000000000002");
        NewDisclosure body = new NewDisclosure(" Gendarmerie nationale ", "Code de procédure pénale, art. 60-1 ", " REQ-1 ",
                List.of(second, first, second), List.of(" email address", "account name", "email address "), TODAY, false);
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        Disclosure entry = DisclosureService.entry(body, Actors.admin("dpo"), now);
        assertThat(entry.authority).isEqualTo("Gendarmerie nationale");
        assertThat(entry.contributorIds).containsExactly(second, first);
        assertThat(entry.dataCategories).containsExactly("email address", "account name");
        DisclosureView view = DisclosureService.view(entry);
        assertThat(view.contributorIds()).containsExactly(first, second);
        assertThat(view.dataCategories()).containsExactly("account name", "email address");
        assertThat(view.approvedBy()).isEqualTo("admin:dpo");
        assertThat(view.recordedAt()).isEqualTo(now);
    }
}
