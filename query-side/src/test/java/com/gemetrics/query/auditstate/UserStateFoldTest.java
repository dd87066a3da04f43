package com.gemetrics.query.auditstate;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.gemetrics.api.auditstate.UserStateView;
import com.gemetrics.api.flip.FlipDetailView;
import com.gemetrics.api.flip.FlipDetailView.SaleView;
import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.SubscriptionActivatedEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationScheduledEvent;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.subscription.SubscriptionView;
import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertRuleView;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import com.gemetrics.query.auditstate.UserHistory.Flip;
import com.gemetrics.query.auditstate.UserHistory.Recorded;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fold without a database: flips with the journal's figures (tax under the rule in
 * force at the sale, profit against the corrected buy), the watchlist's rules and alerts,
 * the subscription's state, what an instant cuts off, and what is never the user's.
 */
class UserStateFoldTest {

	static final Instant START = Instant.parse("2026-11-01T10:00:00Z");

	static final int WHIP = 4151;

	static final int LOBSTER = 379;

	final Recorded recorded = new Recorded();

	final UserHistory history = new UserHistory(START, this.recorded).registered();

	@Nested
	class Flips {

		@Test
		void aSaleIsTaxedUnderTheRuleInForceAndProfitIsAgainstTheBuy() {
			Flip whip = open(UserStateFoldTest.this.history, WHIP, 10, 1_700_000)
				.sale("s1", 4, 1_800_000, at("2025-06-10T00:00:00Z"))
				.sale("s2", 2, 1_750_000, at("2025-06-11T00:00:00Z"));

			FlipDetailView flip = only(stateAt(now()).flips(), whip);

			assertThat(flip.flip().status()).isEqualTo("open");
			assertThat(flip.flip().openQuantity()).isEqualTo(4);
			assertThat(flip.flip().profit()).isEqualTo(BigInteger.valueOf(4 * 64_000 + 2 * 15_000));
			assertThat(flip.flip().tax()).isEqualTo(BigInteger.valueOf(4 * 36_000 + 2 * 35_000));
			assertThat(flip.flip().revenue()).isEqualTo(BigInteger.valueOf(4 * 1_800_000L + 2 * 1_750_000L));
			assertThat(flip.flip().lastSaleAt()).isEqualTo(at("2025-06-11T00:00:00Z"));
			assertThat(flip.sales()).containsExactly(
					new SaleView("s1", "sale", 4, 1_800_000, 36_000, 144_000, 256_000, at("2025-06-10T00:00:00Z")),
					new SaleView("s2", "sale", 2, 1_750_000, 35_000, 70_000, 30_000, at("2025-06-11T00:00:00Z")));
		}

		@Test
		void correctionsRestateTheProfitAndAWriteOffClosesTheFlip() {
			Flip whip = open(UserStateFoldTest.this.history, WHIP, 10, 1_700_000)
				.sale("s1", 4, 1_800_000, at("2025-06-10T00:00:00Z"))
				.correctSale("s1", 5, 1_800_000, at("2025-06-10T00:00:00Z"))
				.correctBuy(10, 1_600_000, at("2025-06-05T00:00:00Z"))
				.writeOff(5, at("2025-06-12T00:00:00Z"));

			FlipDetailView flip = only(stateAt(now()).flips(), whip);

			assertThat(flip.flip().status()).isEqualTo("closed");
			assertThat(flip.flip().buyPrice()).isEqualTo(1_600_000);
			assertThat(flip.flip().closedAt()).isEqualTo(at("2025-06-12T00:00:00Z"));
			assertThat(flip.sales()).extracting(SaleView::profit).containsExactly(5 * 164_000L, -5 * 1_600_000L);
			assertThat(flip.flip().profit()).isEqualTo(BigInteger.valueOf(5 * 164_000L - 5 * 1_600_000L));
		}

		@Test
		void aDeletedFlipIsGoneAndAnEarlierInstantShowsItWithoutItsLaterSale() {
			Flip kept = open(UserStateFoldTest.this.history, WHIP, 10, 1_700_000);
			Instant beforeSale = UserStateFoldTest.this.history.next().minusMillis(1);
			kept.sale("s1", 4, 1_800_000, at("2025-06-10T00:00:00Z"));
			Flip deleted = open(UserStateFoldTest.this.history, LOBSTER, 1, 100);
			Instant beforeDelete = UserStateFoldTest.this.history.next().minusMillis(1);
			deleted.delete(at("2025-06-10T00:00:00Z"));

			assertThat(stateAt(now()).flips()).extracting((flip) -> flip.flip().id()).containsExactly(kept.id());
			assertThat(stateAt(beforeDelete).flips()).extracting((flip) -> flip.flip().id())
				.containsExactlyInAnyOrder(deleted.id(), kept.id());
			FlipDetailView before = only(stateAt(beforeSale).flips(), kept);
			assertThat(before.sales()).isEmpty();
			assertThat(before.flip().profit()).isZero();
			assertThat(before.flip().soldQuantity()).isZero();
		}

	}

	@Nested
	class Watchlist {

		@Test
		void replacedRulesKeepTheirHistoryPausedRulesShowAndUnwatchedItemsGo() {
			UserHistory user = UserStateFoldTest.this.history;
			AlertRule above = new AlertRule("r1", AlertType.PRICE_AT_OR_ABOVE, 1_800_000, true);
			AlertRule margin = new AlertRule("r2", AlertType.MARGIN_AT_OR_ABOVE, 50_000, true);
			user.watchlist(new ItemWatchedEvent(user.watchlist, user.user, WHIP, List.of(above, margin), START));
			user.watchlist(new ItemWatchedEvent(user.watchlist, user.user, LOBSTER, List.of(), START));
			user.watchlist(new AlertTriggeredEvent(user.watchlist, user.user, "a1", "r1", WHIP,
					AlertType.PRICE_AT_OR_ABOVE, 1_800_000, 1_810_000, START, START.plusSeconds(5)));
			user.watchlist(new AlertDeliveredEvent(user.watchlist, user.user, "a1", DeliveryChannel.EMAIL, 1,
					START.plusSeconds(6)));
			user.watchlist(new ItemWatchedEvent(user.watchlist, user.user, WHIP, List.of(above), START.plusSeconds(7)));
			user.watchlist(new AlertRulePausedEvent(user.watchlist, user.user, WHIP, "r1", START.plusSeconds(8)));
			user.watchlist(new ItemUnwatchedEvent(user.watchlist, user.user, LOBSTER, START.plusSeconds(9)));

			UserStateView.WatchlistStateView watchlist = stateAt(now()).watchlist();

			assertThat(watchlist.items()).hasSize(1);
			assertThat(watchlist.items().get(0).itemId()).isEqualTo(WHIP);
			assertThat(watchlist.items().get(0).watchedAt()).isEqualTo(START.plusSeconds(7));
			assertThat(watchlist.items().get(0).rules()).containsExactly(new AlertRuleView("r1",
					AlertType.PRICE_AT_OR_ABOVE, 1_800_000, false, START.plusSeconds(5), 1_810_000L, 1));
			assertThat(watchlist.recentAlerts()).hasSize(1);
			assertThat(watchlist.recentAlerts().get(0).deliveries()).extracting((delivery) -> delivery.status())
				.containsExactly("DELIVERED");
		}

	}

	@Nested
	class Subscription {

		@Test
		void followsTheSubscriptionsRulesAndJudgesEntitlementsAtTheInstant() {
			UserHistory user = UserStateFoldTest.this.history;
			Instant periodEnd = Instant.parse("2026-12-01T10:00:00Z");
			Instant beforeActivation = user.next().minusMillis(1);
			user.subscription(new SubscriptionActivatedEvent(user.subscription, user.user, Plan.PREMIUM_MONTHLY,
					"sub_1", "cus_1", "price_m", SubscriptionStatus.ACTIVE, periodEnd, false, START));
			Instant beforeCancel = user.next().minusMillis(1);
			user.subscription(new SubscriptionCancellationScheduledEvent(user.subscription, user.user, "sub_1",
					periodEnd, START));

			assertThat(stateAt(beforeActivation).subscription()).isEqualTo(SubscriptionView.NONE);
			assertThat(stateAt(beforeCancel).subscription()).isEqualTo(
					new SubscriptionView(Plan.PREMIUM_MONTHLY, "active", periodEnd, false, Entitlements.PREMIUM));
			assertThat(stateAt(now()).subscription().cancelAtPeriodEnd()).isTrue();
		}

	}

	@Test
	void anotherUsersEventsNeverCount() {
		Recorded theirs = new Recorded();
		UserHistory stranger = new UserHistory(START, theirs).registered();
		open(stranger, WHIP, 1, 100).sale("s", 1, 200, at("2025-06-10T00:00:00Z"));
		this.recorded.messages.addAll(theirs.messages);

		UserStateView state = stateAt(now());

		assertThat(state.flips()).isEmpty();
		assertThat(state.events()).isZero();
	}

	@Test
	void aGapInAnAggregatesSequenceEndsItsHistoryThere() {
		Flip whip = open(this.history, WHIP, 10, 100).sale("s1", 1, 200, at("2025-06-10T00:00:00Z"))
			.sale("s2", 1, 200, at("2025-06-10T00:00:00Z"));
		this.recorded.messages.removeIf(
				(message) -> message.getSequenceNumber() == 1 && message.getAggregateIdentifier().equals(whip.id()));

		assertThat(only(stateAt(now()).flips(), whip).sales()).isEmpty();
	}

	/**
	 * Folds the recorded events stored at or before {@code asOf}, as the store reads
	 * them.
	 */
	private UserStateView stateAt(Instant asOf) {
		UserStateFold fold = new UserStateFold(this.history.user.value());
		long index = 0;
		for (DomainEventMessage<?> message : this.recorded.messages) {
			index++;
			if (!message.getTimestamp().isAfter(asOf)) {
				fold.apply(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(index), message));
			}
		}
		return fold.view(asOf, START, Map.of(), 50);
	}

	private Instant now() {
		return this.history.next();
	}

	private static Flip open(UserHistory user, int itemId, long quantity, long price) {
		return user.open("main", itemId, quantity, price, at("2025-06-05T00:00:00Z"));
	}

	private static FlipDetailView only(List<FlipDetailView> flips, Flip flip) {
		return flips.stream().filter((view) -> view.flip().id().equals(flip.id())).findFirst().orElseThrow();
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
