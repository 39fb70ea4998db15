package org.plugin.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = { "Zoë O'Brien-Núñez", "Fast Router 5G", "名前", "مرحبا", "a 😀 b", "e\u0301", "xxx" })
    void shownTextIsAccepted(String text) {
        assertThat(PlainTextValidator.isPlain(text, false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u202Eevil", "evil\u202D", "Ann\u200BMarie", "Ann\u200C", "Ann\u200D", "\u2066x\u2069", "\u2067x", "\u2068x",
            "x\u061C", "\u200Ex", "\u200Fx", "\uFEFFx", "soft\u00ADhyphen", "\u0378", "x\uFFFF", "x\uFFFD", "x\u2028y", "\u0000", "\u001B[31m",
            "\u0085", "<b>", "a > b", "\uD800", "\uDC00x" })
    void invisibleDirectionChangingControlAndUnassignedCharactersAreRefused(String text) {
        assertThat(PlainTextValidator.isPlain(text, false)).as(text.codePoints().mapToObj(Integer::toHexString).toList().toString()).isFalse();
        assertThat(PlainTextValidator.isPlain(text, true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "line one\nline two", "a\r\nb", "a\tb" })
    void lineBreaksAndTabsOnlyInMultilineText(String text) {
        assertThat(PlainTextValidator.isPlain(text, true)).isTrue();
        assertThat(PlainTextValidator.isPlain(text, false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "a > b", "1 < 2 is \u202Etrue" })
    void showableTextMayHoldComparisonsButNotOverrides(String text) {
        assertThat(PlainTextValidator.isShowable(text, true)).isEqualTo(!text.contains("\u202E"));
    }
}
