package com.gemetrics.api.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SubscriptionState#on(SubscriptionEvent)} routes every kind of Subscription event
 * to its own rule (the rules themselves are tested through the projection's
 * {@code SubscriptionRowTest}).
 */
class SubscriptionStateTest {

	static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	static final Instant PERIOD_END = Instant.parse("2027-01-01T10:00:00Z");

	static final SubscriptionId ID = SubscriptionId.random();

	static final UserId USER = new UserId(UUID.randomUUID());

	@Test
	void anyEventIsAppliedByItsOwnRule() {
		SubscriptionState state = SubscriptionState.NONE;
		List<SubscriptionEvent> history = List.of(
				new SubscriptionCheckoutStartedEvent(ID, USER, Plan.PREMIUM_MONTHLY, "price_m", "cus_1", "cs_1", T0),
				new SubscriptionActivatedEvent(ID, USER, Plan.PREMIUM_MONTHLY, "sub_1", "cus_1", "price_m",
						SubscriptionStatus.ACTIVE, PERIOD_END, false, T0),
				new SubscriptionChangedEvent(ID, USER, "sub_1", Plan.PREMIUM_YEARLY, "price_y",
						SubscriptionStatus.PAST_DUE, PERIOD_END, T0),
				new SubscriptionPaymentFailedEvent(ID, USER, "sub_1", "in_1", 500, "usd", 1, null, T0),
				new SubscriptionRenewedEvent(ID, USER, "sub_1", "in_2", "subscription_cycle", 500, "usd",
						PERIOD_END.plusSeconds(86_400), T0),
				new SubscriptionCancellationScheduledEvent(ID, USER, "sub_1", PERIOD_END, T0),
				new SubscriptionCancellationWithdrawnEvent(ID, USER, "sub_1", T0),
				new SubscriptionCanceledEvent(ID, USER, "sub_1", T0, T0),
				new SubscriptionExpiredEvent(ID, USER, "sub_1", SubscriptionStatus.UNPAID, T0));
		for (SubscriptionEvent event : history) {
			SubscriptionState next = state.on(event);
			assertThat(next).isEqualTo(typed(state, event));
			state = next;
		}
		assertThat(state.plan()).isEqualTo(Plan.FREE);
		assertThat(state.status()).isEqualTo(SubscriptionStatus.UNPAID);
	}

	@Test
	void aUserWhoNeverSubscribedIsOnTheFreePlan() {
		assertThat(SubscriptionState.NONE.view(T0)).isEqualTo(SubscriptionView.NONE);
	}

	private static SubscriptionState typed(SubscriptionState state, SubscriptionEvent event) {
		if (event instanceof SubscriptionCheckoutStartedEvent e) {
			return state.on(e);
		}
		if (event instanceof SubscriptionActivatedEvent e) {
			return state.on(e);
		}
		if (event instanceof SubscriptionChangedEvent e) {
			return state.on(e);
		}
		if (event instanceof SubscriptionPaymentFailedEvent e) {
			return state.on(e);
		}
		if (event instanceof SubscriptionRenewedEvent e) {
			return state.on(e);
		}
		if (event instanceof SubscriptionCancellationScheduledEvent e) {
			return state.on(e);
		}
		if (event instanceof SubscriptionCancellationWithdrawnEvent e) {
			return state.on(e);
		}
		if (event instanceof SubscriptionCanceledEvent e) {
			return state.on(e);
		}
		return state.on((SubscriptionExpiredEvent) event);
	}

}
