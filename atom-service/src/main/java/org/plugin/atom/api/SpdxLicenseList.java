package org.plugin.atom.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The SPDX License List: the official {@code licenses.json} and {@code exceptions.json}, copied at
 * build time from SPDX's own Java library (org.spdx:java-spdx-library, a build-only dependency: see
 * atom-service/pom.xml) into {@code /spdx/}. Only the identifiers and their deprecation flags are
 * kept: about 700 licenses and 80 exceptions, read once (a few milliseconds).
 */
public final class SpdxLicenseList {

    /** A listed identifier as SPDX spells it, and whether SPDX deprecated it. */
    public record Entry(String id, boolean deprecated) {
    }

    private static final SpdxLicenseList INSTANCE = load();

    private final String version;
    private final Map<String, Entry> licenses;
    private final Map<String, Entry> exceptions;

    private SpdxLicenseList(String version, Map<String, Entry> licenses, Map<String, Entry> exceptions) {
        this.version = version;
        this.licenses = licenses;
        this.exceptions = exceptions;
    }

    public static SpdxLicenseList get() {
        return INSTANCE;
    }

    /** The list's version, e.g. 3.28.0. */
    public String version() {
        return version;
    }

    /** A license identifier, matched without regard to case as SPDX says. */
    public Optional<Entry> license(String id) {
        return Optional.ofNullable(licenses.get(id.toLowerCase(Locale.ROOT)));
    }

    public Optional<Entry> exception(String id) {
        return Optional.ofNullable(exceptions.get(id.toLowerCase(Locale.ROOT)));
    }

    private static SpdxLicenseList load() {
        Map<String, Entry> licenses = new HashMap<>();
        Map<String, Entry> exceptions = new HashMap<>();
        String version = read("/spdx/licenses.json", "licenseId", licenses);
        read("/spdx/exceptions.json", "licenseExceptionId", exceptions);
        if (licenses.size() < 100 || exceptions.size() < 10) {
            throw new IllegalStateException("The SPDX license list packaged with atom-service is incomplete");
        }
        return new SpdxLicenseList(version, Map.copyOf(licenses), Map.copyOf(exceptions));
    }

    /** Reads {@code [{idField: ..., "isDeprecatedLicenseId": ...}]} entries; returns licenseListVersion. */
    private static String read(String resource, String idField, Map<String, Entry> into) {
        try (InputStream in = SpdxLicenseList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The SPDX license list " + resource + " is missing from the build");
            }
            String version = "?";
            try (JsonParser p = new JsonFactory().createParser(in)) {
                String id = null;
                boolean deprecated = false;
                int depth = 0;
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    switch (t) {
                        case START_OBJECT -> {
                            depth++;
                            if (depth == 2) {
                                id = null;
                                deprecated = false;
                            }
                        }
                        case END_OBJECT -> {
                            if (depth == 2 && id != null) {
                                into.put(id.toLowerCase(Locale.ROOT), new Entry(id, deprecated));
                            }
                            depth--;
                        }
                        case FIELD_NAME -> {
                            String name = p.currentName();
                            JsonToken value = p.nextToken();
                            if (depth == 1 && "licenseListVersion".equals(name)) {
                                version = p.getText();
                            } else if (depth == 2 && idField.equals(name)) {
                                id = p.getText();
                            } else if (depth == 2 && "isDeprecatedLicenseId".equals(name)) {
                                deprecated = value == JsonToken.VALUE_TRUE;
                            } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                                if (value == JsonToken.START_ARRAY && depth == 1) {
                                    continue; // the list itself: its objects are the entries
                                }
                                p.skipChildren();
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
