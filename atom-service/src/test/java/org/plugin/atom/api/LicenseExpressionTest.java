package org.plugin.atom.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LicenseExpressionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MIT                                              | MIT",
            "Apache-2.0                                       | Apache-2.0",
            "MIT OR Apache-2.0                                | MIT OR Apache-2.0",
            "GPL-2.0-only WITH Classpath-exception-2.0        | GPL-2.0-only WITH Classpath-exception-2.0",
            "(MIT OR Apache-2.0) AND BSD-3-Clause             | (MIT OR Apache-2.0) AND BSD-3-Clause",
            "( MIT  OR  Apache-2.0 )                          | (MIT OR Apache-2.0)",
            "LGPL-2.1-or-later AND (MIT OR (BSD-2-Clause AND ISC)) | LGPL-2.1-or-later AND (MIT OR (BSD-2-Clause AND ISC))",
            "LicenseRef-acme-eula                             | LicenseRef-acme-eula",
            "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2 | DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
            "Apache-2.0+                                      | Apache-2.0+",
            "mit or-later                                     | -",
            "mit                                              | MIT",
            "apache-2.0 OR gpl-3.0-only WITH gcc-exception-3.1 | Apache-2.0 OR GPL-3.0-only WITH GCC-exception-3.1",
            "MIT WITH AdditionRef-my-exception                | MIT WITH AdditionRef-my-exception" })
    void validExpressionsInTheirCanonicalSpelling(String expression, String canonical) {
        var result = LicenseExpression.check(expression.strip());
        if (canonical.equals("-")) {
            assertThat(result.valid()).isFalse();
            return;
        }
        assertThat(result.errors()).isEmpty();
        assertThat(result.canonical()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Not-A-License-1.0               | 'Not-A-License-1.0' is not a license identifier of the SPDX License List",
            "MIT OR Not-A-License-1.0        | 'Not-A-License-1.0' is not a license identifier",
            "MIT OR                          | ends where a license identifier is expected",
            "MIT AND (Apache-2.0             | opening parenthesis without its closing one",
            "MIT WITH Apache-2.0             | 'Apache-2.0' is not a license exception identifier",
            "MIT WITH                        | needs a license exception identifier after WITH",
            "mit or apache-2.0               | operators are written AND, OR, WITH",
            "MIT Apache-2.0                  | unexpected 'Apache-2.0' after a complete expression",
            "()                              | where a license identifier is expected",
            "OR MIT                          | where a license identifier is expected",
            "MIT)                            | unexpected ')'",
            "LicenseRef-                     | is not a license identifier",
            "MIT;DROP                        | not an identifier",
            "${jndi:ldap://x}                | not an identifier" })
    void invalidExpressionsAreRefusedNamingWhatIsWrong(String expression, String words) {
        var result = LicenseExpression.check(expression.strip());
        assertThat(result.valid()).isFalse();
        assertThat(result.canonical()).isNull();
        assertThat(String.join("; ", result.errors())).contains(words).doesNotContain("${").doesNotContain("jndi");
    }

    @ParameterizedTest
    @ValueSource(strings = { "GPL-2.0", "GPL-2.0+", "LGPL-2.1 OR MIT", "wxWindows", "GPL-2.0-only WITH Nokia-Qt-exception-1.1" })
    void deprecatedIdentifiersAreAcceptedWithAWarning(String expression) {
        var result = LicenseExpression.check(expression);
        assertThat(result.valid()).as(result.errors().toString()).isTrue();
        assertThat(result.warnings()).isNotEmpty().allMatch(w -> w.contains("deprecated"));
    }

    @Test
    void theListIsTheOfficialOnePackagedAtBuildTime() {
        var list = SpdxLicenseList.get();
        assertThat(list.version()).matches("3\\.\\d+(\\.\\d+)?");
        assertThat(list.license("Apache-2.0")).hasValueSatisfying(e -> assertThat(e.deprecated()).isFalse());
        assertThat(list.license("GPL-2.0")).hasValueSatisfying(e -> assertThat(e.deprecated()).isTrue());
        assertThat(list.exception("Classpath-exception-2.0")).isPresent();
        assertThat(list.license("Classpath-exception-2.0")).isEmpty();
        assertThat(list.license("Not-A-License-1.0")).isEmpty();
    }

    @Test
    void tooLongIsRefused() {
        assertThat(LicenseExpression.check("MIT OR ".repeat(40) + "MIT").errors()).anyMatch(e -> e.contains("at most 255"));
    }
}
