package org.plugin.atom.service;

import java.util.Arrays;
import java.util.Locale;

import org.plugin.common.error.DomainException;

/** Query parameters as a service reads them: optional text, and closed sets spelled in any case. */
final class QueryValues {

    private QueryValues() {
    }

    /** Stripped text; null when absent or blank (no filter). */
    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The constant named by {@code value} in any case; null when absent or blank; refused (naming every choice) otherwise. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(name + " must be one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
