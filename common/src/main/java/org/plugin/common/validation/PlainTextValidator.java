package org.plugin.common.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

    private boolean multiline;

    @Override
    public void initialize(PlainText annotation) {
        multiline = annotation.multiline();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || isPlain(value, multiline);
    }

    /** True when {@code value} is shown text without markup ({@code <}, {@code >}); see {@link #isShowable}. */
    public static boolean isPlain(CharSequence value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '<' || c == '>') {
                return false;
            }
        }
        return isShowable(value, multiline);
    }

    /**
     * True when every character of {@code value} shows as what it is: no control characters (line
     * breaks and tabs only when {@code multiline}), no format characters (Unicode category Cf: bidi
     * overrides and isolates such as U+202E and U+2066, zero-width spaces and joiners such as U+200B,
     * soft hyphens), no line or paragraph separators, no replacement character, no unpaired surrogate,
     * no code point unassigned in the Unicode version of this JVM. Such characters let one name pass
     * for another on a page, or hide text.
     */
    public static boolean isShowable(CharSequence value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            int codePoint = c;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                codePoint = Character.toCodePoint(c, value.charAt(++i));
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
            if (!isShowable(codePoint)) {
                return false;
            }
        }
        return true;
    }

    static boolean isShowable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> codePoint != '\uFFFD';
        };
    }
}
