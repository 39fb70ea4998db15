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

/**
 * A valid SPDX license expression ({@link LicenseExpression}): every identifier listed by SPDX or a
 * {@code LicenseRef-}. The violation names what is wrong. Deprecated identifiers are valid (the
 * dry run reports them as warnings). Null is valid.
 */
@Documented
@Constraint(validatedBy = SpdxExpression.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface SpdxExpression {

    String message() default "must be an SPDX license expression such as MIT, Apache-2.0 or MIT OR Apache-2.0";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<SpdxExpression, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            var result = LicenseExpression.check(value);
            if (result.valid()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            // the message is made of identifiers only (LicenseExpression never quotes other text); escaped as a template
            String message = "must be an SPDX license expression: " + String.join("; ", result.errors());
            context.buildConstraintViolationWithTemplate(message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$"))
                    .addConstraintViolation();
            return false;
        }
    }
}
