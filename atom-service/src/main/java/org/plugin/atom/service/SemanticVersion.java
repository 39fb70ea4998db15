package org.plugin.atom.service;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Semantic Versioning 2.0.0: parsing and precedence (build metadata ignored for precedence, kept as a tie-break). */
public record SemanticVersion(BigInteger major, BigInteger minor, BigInteger patch, String preRelease, String build, String text)
        implements Comparable<SemanticVersion> {

    private static final Pattern SEMVER = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    public static final int MAX_LENGTH = 128;

    public static final Comparator<SemanticVersion> PRECEDENCE = SemanticVersion::compareTo;

    /** Null when {@code text} is not a semantic version of at most 128 characters. */
    public static SemanticVersion parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return null;
        }
        Matcher m = SEMVER.matcher(text);
        if (!m.matches()) {
            return null;
        }
        return new SemanticVersion(new BigInteger(m.group(1)), new BigInteger(m.group(2)), new BigInteger(m.group(3)),
                m.group(4), m.group(5), text);
    }

    /**
     * The items sorted by their versions in {@code order} (which places the null of an unparseable
     * version), each version parsed once: sorting with a comparator that parses parses every version
     * about 2 log2(n) times, and an Atom a pipeline registers has hundreds of versions. Stable, as a
     * sort with {@code Comparator.comparing(item -> parse(version(item)), order)} is, and in the same order.
     */
    public static <T> List<T> sortedByVersion(Collection<T> items, Function<? super T, String> version, Comparator<SemanticVersion> order) {
        record Keyed<T>(SemanticVersion key, T item) {
        }
        List<Keyed<T>> keyed = new ArrayList<>(items.size());
        for (T item : items) {
            keyed.add(new Keyed<>(parse(version.apply(item)), item));
        }
        keyed.sort(Comparator.comparing((Keyed<T> k) -> k.key(), order));
        List<T> sorted = new ArrayList<>(keyed.size());
        for (Keyed<T> k : keyed) {
            sorted.add(k.item());
        }
        return sorted;
    }

    public boolean isPreRelease() {
        return preRelease != null;
    }

    @Override
    public int compareTo(SemanticVersion o) {
        int c = major.compareTo(o.major);
        if (c == 0) {
            c = minor.compareTo(o.minor);
        }
        if (c == 0) {
            c = patch.compareTo(o.patch);
        }
        if (c == 0) {
            c = comparePreRelease(preRelease, o.preRelease);
        }
        if (c == 0) {
            c = text.compareTo(o.text);
        }
        return c;
    }

    private static int comparePreRelease(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = x[i].chars().allMatch(Character::isDigit);
            boolean yn = y[i].chars().allMatch(Character::isDigit);
            int c;
            if (xn && yn) {
                c = new BigInteger(x[i]).compareTo(new BigInteger(y[i]));
            } else if (xn || yn) {
                c = xn ? -1 : 1;
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
