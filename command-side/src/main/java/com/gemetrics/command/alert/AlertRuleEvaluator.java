package com.gemetrics.command.alert;

import java.time.Duration;
import java.time.Instant;

import com.gemetrics.api.price.MarketMath;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.watchlist.AlertType;

/**
 * The alert policy's rule, pure: a rule fires once per crossing. It fires when its
 * condition holds on a fresh observation, it is armed, and the minimum interval since the
 * observation it last fired on has passed; firing disarms it; an observation on which the
 * condition is false re-arms it. An observation that cannot tell (a missing price)
 * changes nothing.
 */
final class AlertRuleEvaluator {

	/** What an observation does to a rule. */
	enum Decision {

		/** Fire an alert and disarm. */
		FIRE,

		/** The condition is false: arm again. */
		REARM,

		/** Nothing changes. */
		NONE

	}

	private final Duration minInterval;

	private final Duration maxObservationAge;

	AlertRuleEvaluator(Duration minInterval, Duration maxObservationAge) {
		this.minInterval = minInterval;
		this.maxObservationAge = maxObservationAge;
	}

	/**
	 * The value a rule compares: {@code high} for prices, the margin after tax at the
	 * observation's time for margins; {@code null} when the quote lacks a side.
	 */
	static Long observedValue(AlertType type, PriceQuote quote, Instant observedAt) {
		return switch (type) {
			case PRICE_AT_OR_ABOVE, PRICE_AT_OR_BELOW -> quote.high();
			case MARGIN_AT_OR_ABOVE -> MarketMath.marginAfterTax(quote.itemId(), quote.high(), quote.low(), observedAt);
		};
	}

	/** Whether the rule's condition holds for the observed value. */
	static boolean holds(AlertType type, long observed, long threshold) {
		return switch (type) {
			case PRICE_AT_OR_ABOVE, MARGIN_AT_OR_ABOVE -> observed >= threshold;
			case PRICE_AT_OR_BELOW -> observed <= threshold;
		};
	}

	Decision decide(RuleState rule, Long observed, Instant observedAt, Instant now) {
		if (observed == null) {
			return Decision.NONE;
		}
		if (!holds(rule.type(), observed, rule.threshold())) {
			return rule.armed() ? Decision.NONE : Decision.REARM;
		}
		if (!rule.armed()) {
			return Decision.NONE;
		}
		if (rule.lastFiredObservedAt() != null
				&& observedAt.isBefore(rule.lastFiredObservedAt().plus(this.minInterval))) {
			return Decision.NONE;
		}
		if (observedAt.isBefore(now.minus(this.maxObservationAge))) {
			return Decision.NONE;
		}
		return Decision.FIRE;
	}

}
