package org.plugin.atom.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.plugin.common.validation.PlainTextValidator;

/**
 * Markdown without raw HTML: no {@code <} (so no tag can be formed; {@code >} stays usable for quotes
 * and arrows), and only characters that show as themselves, line breaks and tabs included
 * ({@link PlainTextValidator#isShowable}).
 */
@Documented
@Constraint(validatedBy = MarkdownText.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface MarkdownText {

    String message() default "must be Markdown without raw HTML ('<'), control or invisible characters, direction overrides or unassigned code points";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<MarkdownText, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) == '<') {
                    return false;
                }
            }
            return PlainTextValidator.isShowable(value, true);
        }
    }
}
