package org.plugin.e2e.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The hostile values the suite sends: each is a label and what replaces a good value, as JSON text
 * (for body fields) or as text (for path and query parameters, percent-encoded when sent). Classes:
 * characters that do not show as themselves, control characters, markup and injection fragments,
 * very long text, numbers out of range, wrong types, broken JSON, wrong media types and methods.
 */
final class HostileCatalogue {

    private HostileCatalogue() {
    }

    record Value(String label, String json) {
    }

    record Text(String label, String text) {
    }

    record Body(String label, byte[] bytes) {
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Text that must not be stored as shown text, nor break anything when it names something. */
    static final List<Text> TEXTS = List.of(
            new Text("right-to-left override", "adm\u202Enimda"),
            new Text("zero-width space", "ali\u200Bce"),
            new Text("left-to-right isolate", "\u2066bob\u2069"),
            new Text("byte order mark", "\uFEFFname"),
            new Text("unassigned code point", "x\u0378y"),
            new Text("NUL", "a\u0000b"),
            new Text("escape sequence", "\u001B[31mred"),
            new Text("line separator", "a\u2028b"),
            new Text("lone surrogate", "a\uD800b"),
            new Text("script", "<script>alert(1)</script>"),
            new Text("SQL", "' OR '1'='1'; DROP TABLE atom;--"),
            new Text("path traversal", "../../../etc/passwd"),
            new Text("CRLF injection", "a\r\nX-Injected: 1"),
            new Text("JNDI lookup", "${jndi:ldap://127.0.0.1/a}"),
            new Text("format string", "%s%s%n%x"),
            new Text("percent-encoded NUL", "%00"),
            new Text("empty", ""),
            new Text("blank", "   "),
            new Text("long", "x".repeat(5000)),
            new Text("negative number", "-1"),
            new Text("huge number", "99999999999999999999999"),
            new Text("exponent", "1e999"),
            new Text("not a number", "NaN"));

    /** JSON values that must be refused where a value of another type, or a well-formed one, belongs. */
    static final List<Value> WRONG_TYPES = List.of(
            new Value("null", "null"),
            new Value("boolean", "true"),
            new Value("empty array", "[]"),
            new Value("object", "{\"a\":1}"),
            new Value("string", "\"x\""),
            new Value("integer", "42"));

    static final List<Value> NUMBERS = List.of(
            new Value("negative", "-1"),
            new Value("zero", "0"),
            new Value("past int", "2147483648"),
            new Value("below int", "-2147483649"),
            new Value("huge", "99999999999999999999999999999"),
            new Value("1200 digits", "9".repeat(1200)),
            new Value("fraction", "1.5"),
            new Value("past double", "1e309"),
            new Value("NaN token", "NaN"),
            new Value("Infinity token", "-Infinity"),
            new Value("numeric string", "\"1\""));

    static final List<Value> STRUCTURE_VALUES = List.of(
            new Value("deep nesting", "[".repeat(3000) + "]".repeat(3000)),
            new Value("array of 20000", "[" + "1,".repeat(19999) + "1]"),
            new Value("array with null", "[null]"));

    /** Whole bodies that are not one well-formed JSON document of the expected shape; {@code %s} is a good body. */
    static List<Body> bodies(String good) {
        String dup = good.startsWith("{") && good.length() > 2 ? good.substring(0, good.length() - 1) + "," + good.substring(1) : good + good;
        byte[] overlong = (good.length() > 2 ? good.substring(0, good.length() - 1) + ",\"x\":\"a__b\"}" : "\"a__b\"").getBytes(StandardCharsets.UTF_8);
        int at = new String(overlong, StandardCharsets.UTF_8).indexOf("__");
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0xAF;
        byte[] surrogate = "{\"x\":\"a___b\"}".getBytes(StandardCharsets.UTF_8);
        surrogate[7] = (byte) 0xED;
        surrogate[8] = (byte) 0xA0;
        surrogate[9] = (byte) 0x80;
        return List.of(
                new Body("duplicate keys", utf8(dup)),
                new Body("trailing garbage", utf8(good + " garbage")),
                new Body("two documents", utf8(good + good)),
                new Body("overlong UTF-8", overlong),
                new Body("encoded surrogate", surrogate),
                new Body("latin-1 byte", new byte[] { '{', '"', 'x', '"', ':', '"', (byte) 0xE9, '"', '}' }),
                new Body("truncated", utf8(good.substring(0, Math.max(1, good.length() / 2)))),
                new Body("empty", new byte[0]),
                new Body("null", utf8("null")),
                new Body("array", utf8("[" + good + "]")),
                new Body("string", utf8("\"x\"")),
                new Body("form encoded", utf8("a=1&b=2")),
                new Body("unknown field", utf8(good.startsWith("{") && good.length() > 2 ? "{\"admin\":true," + good.substring(1) : "{\"admin\":true}")),
                new Body("deep nesting", utf8("[".repeat(5000) + "]".repeat(5000))),
                new Body("over 64 KiB", utf8("{\"x\":\"" + "a".repeat(70_000) + "\"}")),
                new Body("comment", utf8("/* c */" + good)),
                new Body("single quotes", utf8(good.replace('"', '\''))));
    }

    static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "");

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
