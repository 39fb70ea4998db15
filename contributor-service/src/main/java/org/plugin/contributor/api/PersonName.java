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
 * A first or last name: 1 to 100 characters, letters of any script (with their combining marks),
 * spaces, apostrophes and hyphens, starting and ending with a letter. "Zoë O'Brien-Núñez" is valid;
 * digits, punctuation, control characters and markup are not. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@ReportAsSingleViolation
// 1-100 characters counted as the database counts them (code points): @Size would count UTF-16
// units, and refuse 60 letters of a script outside the Basic Multilingual Plane
@Pattern(regexp = "^(?=.{1,100}$)[\\p{L}\\p{M}](?:[\\p{L}\\p{M} '’-]*[\\p{L}\\p{M}])?$")
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface PersonName {

    String message() default "must be 1-100 letters, spaces, apostrophes or hyphens, starting and ending with a letter";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
