package com.gemetrics.command.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.price.MarketMath;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.command.alert.AlertRuleEvaluator.Decision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRuleEvaluatorTest {

	private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

	private final AlertRuleEvaluator evaluator = new AlertRuleEvaluator(Duration.ofMinutes(15), Duration.ofMinutes(10));

	@Test
	void firesOncePerCrossingAndReArmsOnlyAfterTheConditionWasFalse() {
		RuleState rule = rule(AlertType.PRICE_AT_OR_ABOVE, 1_000, true, null);

		assertThat(decide(rule, 999L, T0)).isEqualTo(Decision.NONE);
		assertThat(decide(rule, 1_000L, T0)).isEqualTo(Decision.FIRE);
		RuleState fired = rule(AlertType.PRICE_AT_OR_ABOVE, 1_000, false, T0);
		assertThat(decide(fired, 1_200L, T0.plus(Duration.ofHours(1)))).isEqualTo(Decision.NONE);
		assertThat(decide(fired, 900L, T0.plus(Duration.ofHours(1)))).isEqualTo(Decision.REARM);
		RuleState rearmed = rule(AlertType.PRICE_AT_OR_ABOVE, 1_000, true, T0);
		assertThat(decide(rearmed, 1_100L, T0.plus(Duration.ofHours(1)))).isEqualTo(Decision.FIRE);
	}

	@Test
	void waitsTheMinimumIntervalAfterTheLastFiringEvenWhenReArmed() {
		RuleState rearmed = rule(AlertType.PRICE_AT_OR_BELOW, 1_000, true, T0);

		assertThat(decide(rearmed, 1_000L, T0.plus(Duration.ofMinutes(14)))).isEqualTo(Decision.NONE);
		assertThat(decide(rearmed, 1_000L, T0.plus(Duration.ofMinutes(15)))).isEqualTo(Decision.FIRE);
	}

	@Test
	void comparesPricesBothWays() {
		assertThat(decide(rule(AlertType.PRICE_AT_OR_BELOW, 1_000, true, null), 1_001L, T0)).isEqualTo(Decision.NONE);
		assertThat(decide(rule(AlertType.PRICE_AT_OR_BELOW, 1_000, true, null), 1_000L, T0)).isEqualTo(Decision.FIRE);
		assertThat(decide(rule(AlertType.PRICE_AT_OR_ABOVE, 1_000, true, null), 1_001L, T0)).isEqualTo(Decision.FIRE);
	}

	@Test
	void aMissingPriceChangesNothing() {
		assertThat(decide(rule(AlertType.PRICE_AT_OR_ABOVE, 1_000, false, T0), null, T0.plusSeconds(3600)))
			.isEqualTo(Decision.NONE);
	}

	@Test
	void anObservationOlderThanTheMaximumAgeFiresNothing() {
		RuleState rule = rule(AlertType.PRICE_AT_OR_ABOVE, 1_000, true, null);

		assertThat(this.evaluator.decide(rule, 2_000L, T0, T0.plus(Duration.ofMinutes(11)))).isEqualTo(Decision.NONE);
		assertThat(this.evaluator.decide(rule, 2_000L, T0, T0.plus(Duration.ofMinutes(9)))).isEqualTo(Decision.FIRE);
	}

	@Test
	void pricesCompareTheHighAndMarginsTheMarginAfterTax() {
		PriceQuote quote = new PriceQuote(4151, 2_000_000L, T0, 1_900_000L, T0);

		assertThat(AlertRuleEvaluator.observedValue(AlertType.PRICE_AT_OR_ABOVE, quote, T0)).isEqualTo(2_000_000L);
		assertThat(AlertRuleEvaluator.observedValue(AlertType.PRICE_AT_OR_BELOW, quote, T0)).isEqualTo(2_000_000L);
		assertThat(AlertRuleEvaluator.observedValue(AlertType.MARGIN_AT_OR_ABOVE, quote, T0))
			.isEqualTo(MarketMath.marginAfterTax(4151, 2_000_000L, 1_900_000L, T0))
			.isLessThan(100_000L);
		assertThat(AlertRuleEvaluator.observedValue(AlertType.MARGIN_AT_OR_ABOVE,
				new PriceQuote(4151, 2_000_000L, T0, null, null), T0))
			.isNull();
	}

	private Decision decide(RuleState rule, Long observed, Instant observedAt) {
		return this.evaluator.decide(rule, observed, observedAt, observedAt.plusSeconds(5));
	}

	private static RuleState rule(AlertType type, long threshold, boolean armed, Instant lastFired) {
		return new RuleState("watchlist-" + UUID.randomUUID(), "r1", UUID.randomUUID(), 4151, type, threshold, armed,
				lastFired);
	}

}
