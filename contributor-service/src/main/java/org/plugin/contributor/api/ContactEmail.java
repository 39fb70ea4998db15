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
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.plugin.common.validation.PlainText;

/**
 * A deliverable email address: at most 254 characters, one {@code @}, a dotted domain, no spaces,
 * quotes, markup or control characters (the quoted local parts {@code @Email} tolerates are refused).
 * Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@Size(max = 254)
@Email
@PlainText
@Pattern(regexp = "^[^\\s\"@<>()\\[\\]\\\\,;:]+@[^\\s\"@<>()\\[\\]\\\\,;:]+\\.[^\\s\"@<>()\\[\\]\\\\,;:.]+$")
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface ContactEmail {

    String message() default "must be a valid email address of at most 254 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
