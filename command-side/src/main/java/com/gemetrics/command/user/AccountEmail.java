package com.gemetrics.command.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An e-mail address as accepted at the edge: at most 254 characters (RFC 5321), one
 * {@code @}, a local part of at most 64 characters, a dotted domain, and no whitespace,
 * control, format, unassigned or lone-surrogate characters anywhere. Unicode letters are
 * fine (RFC 6531).
 */
@Documented
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@ReportAsSingleViolation
@NotNull
@Size(max = 254)
@Pattern(regexp = "[^@\\s\\p{Z}\\p{C}]{1,64}@[^@\\s\\p{Z}\\p{C}.]+(\\.[^@\\s\\p{Z}\\p{C}.]+)+")
@interface AccountEmail {

	String message() default "must be an e-mail address of at most 254 characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
