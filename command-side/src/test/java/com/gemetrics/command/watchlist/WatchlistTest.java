package com.gemetrics.command.watchlist;

import java.time.Instant;

import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertDeliveryFailedEvent;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertRuleResumedEvent;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.PauseAlertRuleCommand;
import com.gemetrics.api.watchlist.RecordAlertDeliveryCommand;
import com.gemetrics.api.watchlist.RecordAlertDeliveryFailureCommand;
import com.gemetrics.api.watchlist.ResumeAlertRuleCommand;
import com.gemetrics.api.watchlist.TriggerAlertCommand;
import com.gemetrics.api.watchlist.UnwatchItemCommand;
import com.gemetrics.api.watchlist.WatchlistLimits;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.gemetrics.command.watchlist.WatchlistFixtures.DRAGON_BONES;
import static com.gemetrics.command.watchlist.WatchlistFixtures.NOW;
import static com.gemetrics.command.watchlist.WatchlistFixtures.OWNER;
import static com.gemetrics.command.watchlist.WatchlistFixtures.WATCHLIST;
import static com.gemetrics.command.watchlist.WatchlistFixtures.WHIP;
import static com.gemetrics.command.watchlist.WatchlistFixtures.above;
import static com.gemetrics.command.watchlist.WatchlistFixtures.rejectedWith;
import static com.gemetrics.command.watchlist.WatchlistFixtures.rule;
import static com.gemetrics.command.watchlist.WatchlistFixtures.watch;
import static com.gemetrics.command.watchlist.WatchlistFixtures.watched;

class WatchlistTest {

	private static final Instant OBSERVED = NOW.plusSeconds(60);

	private AggregateTestFixture<Watchlist> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(Watchlist.class);
	}

	@Test
	void firstWatchCreatesTheWatchlist() {
		this.fixture.givenNoPriorActivity()
			.when(watch(WHIP, above("r1", 1_500_000)))
			.expectSuccessfulHandlerExecution()
			.expectEvents(watched(WHIP, above("r1", 1_500_000)))
			.expectResultMessagePayload(new Watchlist.Watched(0, true));
	}

	@Test
	void watchingAgainReplacesTheItemsRules() {
		this.fixture.given(watched(WHIP, above("r1", 1_500_000)))
			.when(watch(WHIP, rule("r2", AlertType.PRICE_AT_OR_BELOW, 1_000_000)))
			.expectEvents(watched(WHIP, rule("r2", AlertType.PRICE_AT_OR_BELOW, 1_000_000)))
			.expectResultMessagePayload(new Watchlist.Watched(1, false));
	}

	@Test
	void canWatchWithoutRulesAndWithTheHighestPriceAndAnyMargin() {
		this.fixture.givenNoPriorActivity()
			.when(watch(WHIP, above("r1", Integer.MAX_VALUE), rule("r2", AlertType.MARGIN_AT_OR_ABOVE, 1)))
			.expectEvents(watched(WHIP, above("r1", Integer.MAX_VALUE), rule("r2", AlertType.MARGIN_AT_OR_ABOVE, 1)));
	}

	@Test
	void cannotWatchWithAFreePrice() {
		this.fixture.givenNoPriorActivity()
			.when(watch(WHIP, above("r1", 0)))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.PRICE_OUT_OF_RANGE));
	}

	@Test
	void cannotWatchWithAPriceAboveTheExchangesRange() {
		this.fixture.givenNoPriorActivity()
			.when(watch(WHIP, rule("r1", AlertType.PRICE_AT_OR_BELOW, Integer.MAX_VALUE + 1L)))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.PRICE_OUT_OF_RANGE));
	}

	@Test
	void cannotWatchWithAMarginAboveTheExchangesRange() {
		this.fixture.givenNoPriorActivity()
			.when(watch(WHIP, rule("r1", AlertType.MARGIN_AT_OR_ABOVE, Integer.MAX_VALUE + 1L)))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.MARGIN_OUT_OF_RANGE));
	}

	@Test
	void cannotWatchWithANonPositiveMargin() {
		this.fixture.givenNoPriorActivity()
			.when(watch(WHIP, rule("r1", AlertType.MARGIN_AT_OR_ABOVE, 0)))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.MARGIN_OUT_OF_RANGE));
	}

	@Test
	void cannotPutTooManyRulesOnOneItem() {
		WatchlistLimits limits = new WatchlistLimits(10, 2, 200);
		this.fixture.givenNoPriorActivity()
			.when(watch(WHIP, limits, above("r1", 1), above("r2", 2), above("r3", 3)))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.TOO_MANY_RULES_FOR_ITEM));
	}

	@Test
	void cannotGoOverTheRuleLimitAcrossTheWatchlist() {
		WatchlistLimits limits = new WatchlistLimits(3, 10, 200);
		this.fixture.given(watched(WHIP, above("r1", 1), above("r2", 2)))
			.when(watch(DRAGON_BONES, limits, above("r3", 3), above("r4", 4)))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.RULE_LIMIT_REACHED));
	}

	@Test
	void replacingAnItemsRulesCountsOnlyTheNewOnesAgainstTheLimit() {
		WatchlistLimits limits = new WatchlistLimits(3, 10, 200);
		this.fixture.given(watched(WHIP, above("r1", 1), above("r2", 2)))
			.when(watch(WHIP, limits, above("r3", 3), above("r4", 4), above("r5", 5)))
			.expectEvents(watched(WHIP, above("r3", 3), above("r4", 4), above("r5", 5)));
	}

	@Test
	void cannotWatchMoreItemsThanTheCap() {
		WatchlistLimits limits = new WatchlistLimits(10, 10, 1);
		this.fixture.given(watched(WHIP))
			.when(watch(DRAGON_BONES, limits))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.WATCHLIST_FULL));
	}

	@Test
	void canUnwatchAnItem() {
		this.fixture.given(watched(WHIP, above("r1", 1)))
			.when(new UnwatchItemCommand(WATCHLIST, OWNER, WHIP, NOW))
			.expectEvents(new ItemUnwatchedEvent(WATCHLIST, OWNER, WHIP, NOW))
			.expectResultMessagePayload(1L);
	}

	@Test
	void cannotUnwatchAnItemNotWatched() {
		this.fixture.given(watched(WHIP))
			.when(new UnwatchItemCommand(WATCHLIST, OWNER, DRAGON_BONES, NOW))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.ITEM_NOT_WATCHED));
	}

	@Test
	void canPauseAndResumeARule() {
		this.fixture.given(watched(WHIP, above("r1", 1)))
			.when(new PauseAlertRuleCommand(WATCHLIST, OWNER, "r1", NOW))
			.expectEvents(new AlertRulePausedEvent(WATCHLIST, OWNER, WHIP, "r1", NOW))
			.expectResultMessagePayload(1L);
		this.fixture.given(watched(WHIP, above("r1", 1)), new AlertRulePausedEvent(WATCHLIST, OWNER, WHIP, "r1", NOW))
			.when(new ResumeAlertRuleCommand(WATCHLIST, OWNER, "r1", NOW))
			.expectEvents(new AlertRuleResumedEvent(WATCHLIST, OWNER, WHIP, "r1", NOW))
			.expectResultMessagePayload(2L);
	}

	@Test
	void pausingAPausedRuleChangesNothingAndAnswersTheSameSequence() {
		this.fixture.given(watched(WHIP, above("r1", 1)), new AlertRulePausedEvent(WATCHLIST, OWNER, WHIP, "r1", NOW))
			.when(new PauseAlertRuleCommand(WATCHLIST, OWNER, "r1", NOW))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents()
			.expectResultMessagePayload(1L);
	}

	@Test
	void resumingAnActiveRuleChangesNothing() {
		this.fixture.given(watched(WHIP, above("r1", 1)))
			.when(new ResumeAlertRuleCommand(WATCHLIST, OWNER, "r1", NOW))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents()
			.expectResultMessagePayload(0L);
	}

	@Test
	void cannotPauseAnUnknownRule() {
		this.fixture.given(watched(WHIP, above("r1", 1)))
			.when(new PauseAlertRuleCommand(WATCHLIST, OWNER, "nope", NOW))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.RULE_NOT_FOUND));
	}

	@Test
	void cannotResumeARuleThatWentWithItsItem() {
		this.fixture
			.given(watched(WHIP, above("r1", 1)), new AlertRulePausedEvent(WATCHLIST, OWNER, WHIP, "r1", NOW),
					new ItemUnwatchedEvent(WATCHLIST, OWNER, WHIP, NOW))
			.when(new ResumeAlertRuleCommand(WATCHLIST, OWNER, "r1", NOW))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.RULE_NOT_FOUND));
	}

	@Test
	void triggersAnActiveRuleWithItsOwnThreshold() {
		this.fixture.given(watched(WHIP, above("r1", 1_500_000)))
			.when(trigger("a1", "r1", OBSERVED))
			.expectEvents(new AlertTriggeredEvent(WATCHLIST, OWNER, "a1", "r1", WHIP, AlertType.PRICE_AT_OR_ABOVE,
					1_500_000, 1_600_000, OBSERVED, NOW))
			.expectResultMessagePayload(true);
	}

	@Test
	void ignoresASecondTriggerOfTheSameObservation() {
		this.fixture
			.given(watched(WHIP, above("r1", 1_500_000)),
					new AlertTriggeredEvent(WATCHLIST, OWNER, "a1", "r1", WHIP, AlertType.PRICE_AT_OR_ABOVE, 1_500_000,
							1_600_000, OBSERVED, NOW))
			.when(trigger("a2", "r1", OBSERVED))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents()
			.expectResultMessagePayload(false);
	}

	@Test
	void refusesToTriggerAPausedRule() {
		this.fixture.given(watched(WHIP, above("r1", 1)), new AlertRulePausedEvent(WATCHLIST, OWNER, WHIP, "r1", NOW))
			.when(trigger("a1", "r1", OBSERVED))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.RULE_PAUSED));
	}

	@Test
	void refusesToTriggerAReplacedRule() {
		this.fixture.given(watched(WHIP, above("r1", 1)), watched(WHIP, above("r2", 1)))
			.when(trigger("a1", "r1", OBSERVED))
			.expectNoEvents()
			.expectException(rejectedWith(WatchlistError.RULE_NOT_FOUND));
	}

	@Test
	void recordsDeliveriesAndFailures() {
		AlertRule rule = above("r1", 1);
		this.fixture.given(watched(WHIP, rule))
			.when(new RecordAlertDeliveryCommand(WATCHLIST, "a1", DeliveryChannel.EMAIL, 2, NOW))
			.expectEvents(new AlertDeliveredEvent(WATCHLIST, OWNER, "a1", DeliveryChannel.EMAIL, 2, NOW));
		this.fixture.given(watched(WHIP, rule))
			.when(new RecordAlertDeliveryFailureCommand(WATCHLIST, "a1", DeliveryChannel.WEBHOOK, 5, "HTTP_500", NOW))
			.expectEvents(
					new AlertDeliveryFailedEvent(WATCHLIST, OWNER, "a1", DeliveryChannel.WEBHOOK, 5, "HTTP_500", NOW));
	}

	private static TriggerAlertCommand trigger(String alertId, String ruleId, Instant observedAt) {
		return new TriggerAlertCommand(WATCHLIST, alertId, ruleId, WHIP, AlertType.PRICE_AT_OR_ABOVE, 1_500_000,
				1_600_000, observedAt, NOW);
	}

}
