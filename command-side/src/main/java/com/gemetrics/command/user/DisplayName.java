package com.gemetrics.command.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A display name: 1 to 50 characters, not only spaces, and no control, format (bidi
 * overrides, zero-width), line-separator, unassigned or lone-surrogate characters.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@ReportAsSingleViolation
@NotBlank
@Size(min = 1, max = 50)
@Pattern(regexp = "[^\\p{C}\\p{Zl}\\p{Zp}]+")
@interface DisplayName {

	String message() default "must be 1 to 50 characters without control characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
