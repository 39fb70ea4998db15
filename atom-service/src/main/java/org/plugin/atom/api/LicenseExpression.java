package org.plugin.atom.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An SPDX license expression (SPDX specification, annex "SPDX license expressions"), checked
 * against {@link SpdxLicenseList}: listed license identifiers (with an optional {@code +}),
 * {@code LicenseRef-...} (optionally {@code DocumentRef-...:LicenseRef-...}), {@code AND},
 * {@code OR}, {@code WITH} a listed exception or an {@code AdditionRef-...}, and parentheses.
 * WITH binds tighter than AND, AND tighter than OR. Operators are written in upper case.
 *
 * <pre>
 * expression := and ("OR" and)*
 * and        := with ("AND" with)*
 * with       := simple ("WITH" exception)?  |  "(" expression ")"
 * </pre>
 */
public final class LicenseExpression {

    public static final int MAX_LENGTH = 255;
    private static final Pattern IDSTRING = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Pattern REF = Pattern.compile("(?:DocumentRef-[A-Za-z0-9.-]+:)?(LicenseRef|AdditionRef)-[A-Za-z0-9.-]+");

    /**
     * The outcome: {@code canonical} is the expression with listed identifiers spelled as SPDX does
     * and single spaces (null when invalid); {@code errors} say why it is not valid, naming the
     * identifier; {@code warnings} name deprecated identifiers, which are accepted.
     */
    public record Result(String canonical, List<String> errors, List<String> warnings) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final SpdxLicenseList list;
    private final List<String> tokens;
    private final List<String> out = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int position;

    private LicenseExpression(SpdxLicenseList list, List<String> tokens) {
        this.list = list;
        this.tokens = tokens;
    }

    public static Result check(String expression) {
        return check(expression, SpdxLicenseList.get());
    }

    static Result check(String expression, SpdxLicenseList list) {
        if (expression == null || expression.isBlank()) {
            return new Result(null, List.of("must be an SPDX license expression such as MIT, Apache-2.0 or MIT OR Apache-2.0"), List.of());
        }
        if (expression.length() > MAX_LENGTH) {
            return new Result(null, List.of("must be at most " + MAX_LENGTH + " characters"), List.of());
        }
        LicenseExpression parser = new LicenseExpression(list, tokenize(expression));
        parser.expression();
        if (parser.errors.isEmpty() && parser.position < parser.tokens.size()) {
            parser.errors.add("unexpected " + describe(parser.tokens.get(parser.position)) + " after a complete expression");
        }
        boolean valid = parser.errors.isEmpty();
        return new Result(valid ? String.join(" ", parser.out).replace("( ", "(").replace(" )", ")") : null,
                List.copyOf(parser.errors), List.copyOf(parser.warnings));
    }

    private static List<String> tokenize(String s) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == ')' || c == ' ' || c == '\t') {
                if (!word.isEmpty()) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
                if (c == '(' || c == ')') {
                    tokens.add(String.valueOf(c));
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    private String peek() {
        return position < tokens.size() ? tokens.get(position) : null;
    }

    private void expression() {
        and();
        while (errors.isEmpty() && "OR".equals(peek())) {
            out.add(tokens.get(position++));
            and();
        }
    }

    private void and() {
        with();
        while (errors.isEmpty() && "AND".equals(peek())) {
            out.add(tokens.get(position++));
            with();
        }
    }

    private void with() {
        String token = peek();
        if (token == null) {
            errors.add(tokens.isEmpty() ? "is empty" : "ends where a license identifier is expected");
            return;
        }
        if (token.equals("(")) {
            out.add(tokens.get(position++));
            expression();
            if (!errors.isEmpty()) {
                return;
            }
            if (!")".equals(peek())) {
                errors.add("has an opening parenthesis without its closing one");
                return;
            }
            out.add(tokens.get(position++));
            return;
        }
        simple(token);
        if (errors.isEmpty() && "WITH".equals(peek())) {
            out.add(tokens.get(position++));
            exception(peek());
        }
    }

    private void simple(String token) {
        if (isOperator(token) || token.equals(")")) {
            errors.add("has " + describe(token) + " where a license identifier is expected");
            return;
        }
        position++;
        if (REF.matcher(token).matches() && !token.contains("AdditionRef-")) {
            out.add(token);
            return;
        }
        boolean plus = token.endsWith("+");
        String id = plus ? token.substring(0, token.length() - 1) : token;
        var entry = IDSTRING.matcher(id).matches() ? list.license(id) : Optional.<SpdxLicenseList.Entry>empty();
        if (entry.isEmpty()) {
            errors.add(describe(token) + " is not a license identifier of the SPDX License List " + list.version()
                    + "; use LicenseRef-<name> for a license it does not list");
            return;
        }
        if (entry.get().deprecated()) {
            warnings.add("'" + entry.get().id() + "' is deprecated in the SPDX License List " + list.version()
                    + "; prefer its current identifier (for example GPL-2.0-only or GPL-2.0-or-later instead of GPL-2.0)");
        }
        out.add(entry.get().id() + (plus ? "+" : ""));
    }

    private void exception(String token) {
        if (token == null || isOperator(token) || token.equals("(") || token.equals(")")) {
            errors.add("needs a license exception identifier after WITH");
            return;
        }
        position++;
        if (REF.matcher(token).matches() && token.contains("AdditionRef-")) {
            out.add(token);
            return;
        }
        var entry = IDSTRING.matcher(token).matches() ? list.exception(token) : Optional.<SpdxLicenseList.Entry>empty();
        if (entry.isEmpty()) {
            errors.add(describe(token) + " is not a license exception identifier of the SPDX License List " + list.version());
            return;
        }
        if (entry.get().deprecated()) {
            warnings.add("'" + entry.get().id() + "' is deprecated in the SPDX License List " + list.version());
        }
        out.add(entry.get().id());
    }

    private static boolean isOperator(String token) {
        return token.equals("AND") || token.equals("OR") || token.equals("WITH") || token.equalsIgnoreCase("and")
                || token.equalsIgnoreCase("or") || token.equalsIgnoreCase("with");
    }

    /** The token quoted when it is made of identifier characters; never raw text (it ends up in messages). */
    private static String describe(String token) {
        if (token.equals("(") || token.equals(")")) {
            return "'" + token + "'";
        }
        if (isOperator(token) && !token.equals(token.toUpperCase(Locale.ROOT))) {
            return "'" + token + "' (operators are written AND, OR, WITH)";
        }
        return token.length() <= 64 && token.matches("[A-Za-z0-9.+:-]+") ? "'" + token + "'" : "a token that is not an identifier";
    }
}
