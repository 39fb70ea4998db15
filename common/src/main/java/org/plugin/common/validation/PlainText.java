package org.plugin.common.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text shown to people: no markup ({@code <} and {@code >}), and no character that does not show as
 * itself (control and format characters such as bidi overrides and zero-width spaces, unassigned
 * code points: {@link PlainTextValidator#isShowable}). With {@code multiline = true}, line feeds,
 * carriage returns and tabs are allowed.
 * Null is valid (combine with {@code @NotNull} or {@code @NotBlank}).
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface PlainText {

    String message() default "must not contain markup, control or invisible characters, direction overrides or unassigned code points";

    boolean multiline() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
