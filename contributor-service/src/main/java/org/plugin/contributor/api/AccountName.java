package org.plugin.contributor.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * An account name: 3 to 32 lowercase letters, digits and hyphens, starting and ending with a letter
 * or digit. Lowercase only, so names that differ only by case cannot both exist. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$")
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface AccountName {

    String message() default "must be 3-32 lowercase letters, digits or hyphens, not starting or ending with a hyphen";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
