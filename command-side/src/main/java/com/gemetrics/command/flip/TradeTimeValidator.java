package com.gemetrics.command.flip;

import java.time.Clock;
import java.time.Instant;

import com.gemetrics.api.price.GeLimits;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Checks {@link TradeTime} with the application's {@link Clock} (the system clock in UTC
 * where none is defined). Public because Bean Validation instantiates it.
 */
public class TradeTimeValidator implements ConstraintValidator<TradeTime, Instant> {

	private final Clock clock;

	TradeTimeValidator(ObjectProvider<Clock> clock) {
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@Override
	public boolean isValid(Instant value, ConstraintValidatorContext context) {
		return value == null
				|| (GeLimits.isNotBeforeGeOpened(value) && GeLimits.isNotInFuture(value, this.clock.instant()));
	}

}
