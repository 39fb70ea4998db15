package org.plugin.common.web;

import java.util.regex.Pattern;

/** Recognizes text that would show a client how the service is built: class and package names, exception types, annotations. */
public final class Internals {

    private static final Pattern INTERNAL = Pattern.compile(
            "\\b(?:java|javax|jakarta|com\\.fasterxml|org\\.hibernate|org\\.jboss|io\\.vertx|io\\.netty|io\\.quarkus|io\\.smallrye|org\\.postgresql)\\.[A-Za-z]"
                    + "|[A-Za-z]Exception\\b|\\bat [a-z][\\w$]*(?:\\.[\\w$]+)+\\(|\\B@[A-Z][A-Za-z]+\\b");

    private Internals() {
    }

    /** True when {@code text} names a library class, package or exception type. */
    public static boolean mentioned(String text) {
        return text != null && INTERNAL.matcher(text).find();
    }
}
