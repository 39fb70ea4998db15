package org.plugin.privacy.service;

/**
 * A state as stored (the enums of the repository's entities) and as the API shows it (the enums of
 * the api package) have the same constants; this converts one into its twin by name. EnumsTest holds
 * every pair equal, so a constant added on one side only fails the build, not a request.
 */
final class Enums {

    private Enums() {
    }

    static <E extends Enum<E>> E as(Class<E> type, Enum<?> value) {
        return value == null ? null : Enum.valueOf(type, value.name());
    }
}
