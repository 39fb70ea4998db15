package org.plugin.privacy.rest;

import java.util.Arrays;

import org.plugin.common.web.Problems;

/** Query filters parsed by hand, so a bad value is a 400 naming the allowed ones (not the 404 JAX-RS gives). */
final class Filters {

    private Filters() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("Query parameter '" + name + "' must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw Problems.badRequest("Query parameter '" + name + "' must be true or false");
        };
    }

    static java.util.UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.util.UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("Query parameter '" + name + "' must be a UUID");
        }
    }
}
