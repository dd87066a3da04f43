package com.gemetrics.command.flip;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.gemetrics.api.price.GeLimits;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The time of a buy or a sale, checked at the edge: not before the Grand Exchange opened
 * ({@link GeLimits#GE_OPENED}) and not later than the server's clock plus
 * {@link GeLimits#MAX_CLOCK_SKEW}. {@code null} is valid (pair it with {@code @NotNull}).
 * Public because Bean Validation reads it reflectively.
 */
@Documented
@Constraint(validatedBy = TradeTimeValidator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface TradeTime {

	String message() default "must be between 2013-02-22T00:00:00Z (the Grand Exchange opened) and now (5 minutes of clock skew allowed)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
