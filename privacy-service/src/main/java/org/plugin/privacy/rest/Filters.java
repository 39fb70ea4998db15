package org.plugin.privacy.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import org.plugin.common.error.DomainException;

/** Query filters parsed by hand, so a bad value is a 400 naming the allowed ones (not the 404 JAX-RS gives). */
final class Filters {

    private Filters() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("Query parameter '" + name + "' must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw DomainException.invalid("Query parameter '" + name + "' must be true or false");
        };
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("Query parameter '" + name + "' must be a UUID");
        }
    }
}
