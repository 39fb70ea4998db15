package org.plugin.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonParseException;

class StrictUtf8InputStreamTest {

    static byte[] readAll(byte[] bytes) throws IOException {
        try (var in = new StrictUtf8InputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static boolean accepts(byte[] bytes) {
        try {
            readAll(bytes);
            return true;
        } catch (JsonParseException e) {
            assertThat(e.getOriginalMessage()).startsWith(StrictUtf8InputStream.MESSAGE);
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "c0af", "e080af", "f08080af", "eda080", "edbfbf", "f4908080", "f5808080", "ff", "80", "bf", "c2", "e282", "f09f98",
            "c328", "e228a1", "f0288cbc" })
    void refusesWhatIsNotUtf8(String hex) {
        byte[] bytes = HexFormat.of().parseHex("7b22" + hex + "227d");
        assertThat(accepts(bytes)).as(hex).isFalse();
        assertThat(jdkAccepts(bytes)).as("the JDK agrees on " + hex).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "2f", "c2a0", "c3a9", "e282ac", "ed9fbf", "ee8080", "efbfbd", "f09f9880", "f48fbfbf", "00", "7f" })
    void passesUtf8Unchanged(String hex) throws IOException {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertThat(readAll(bytes)).isEqualTo(bytes);
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(8)];
            for (int j = 0; j < bytes.length; j++) {
                // mostly bytes >= 0x80, where the rules are
                bytes[j] = (byte) (random.nextInt(4) == 0 ? random.nextInt(0x80) : 0x80 + random.nextInt(0x80));
            }
            assertThat(accepts(bytes)).as(HexFormat.of().formatHex(bytes)).isEqualTo(jdkAccepts(bytes));
        }
    }

    @Test
    void aSequenceCutShortAtTheEndIsRefused() {
        assertThatThrownBy(() -> readAll(new byte[] { 'a', (byte) 0xE2, (byte) 0x82 })).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("ends inside");
    }
}
