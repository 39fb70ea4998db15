package org.plugin.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebApplicationProblemMapperTest {

    @Test
    void theParsersQuotedInputIsLeftOutOfTheDetail() {
        String detail = WebApplicationProblemMapper.withoutQuotedInput(
                "Unrecognized token 'zoe.doe@example.org': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
        assertThat(detail).doesNotContain("zoe").startsWith("Unrecognized token '…'").contains("'null'", "'true'", "'false'");
    }

    @Test
    void messagesWithoutInputAreKept() {
        assertThat(WebApplicationProblemMapper.withoutQuotedInput("Unexpected end-of-input within/between Object entries"))
                .isEqualTo("Unexpected end-of-input within/between Object entries");
        assertThat(WebApplicationProblemMapper.withoutQuotedInput(null)).isEmpty();
    }
}
