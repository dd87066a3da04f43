package com.gemetrics.query.subscriptions;

import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.SubscriptionActivatedEvent;
import com.gemetrics.api.subscription.SubscriptionCanceledEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationScheduledEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationWithdrawnEvent;
import com.gemetrics.api.subscription.SubscriptionChangedEvent;
import com.gemetrics.api.subscription.SubscriptionCheckoutStartedEvent;
import com.gemetrics.api.subscription.SubscriptionExpiredEvent;
import com.gemetrics.api.subscription.SubscriptionId;
import com.gemetrics.api.subscription.SubscriptionPaymentFailedEvent;
import com.gemetrics.api.subscription.SubscriptionRenewedEvent;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.subscription.SubscriptionView;
import com.gemetrics.api.user.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each Subscription event does to a user's row, without a database: one test per
 * event kind, plus the rules that span events (past due since, another Stripe
 * subscription's late events, sequence numbers).
 */
class SubscriptionRowTest {

	static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	static final Instant PERIOD_END = Instant.parse("2027-01-01T10:00:00Z");

	static final UserId USER = new UserId(UUID.randomUUID());

	static final SubscriptionId ID = SubscriptionId.random();

	static final String SUB = "sub_current";

	static final SubscriptionRow NONE = SubscriptionRow.none(USER.value(), ID.toString());

	static final SubscriptionRow ACTIVE = NONE.on(activated(SubscriptionStatus.ACTIVE, T0));

	@Nested
	class EachEvent {

		@Test
		void aCheckoutRemembersTheCustomerAndLeavesTheFreePlan() {
			SubscriptionRow row = NONE.on(new SubscriptionCheckoutStartedEvent(ID, USER, Plan.PREMIUM_YEARLY, "price_y",
					"cus_1", "cs_1", T0));

			assertThat(row.stripeCustomerId()).isEqualTo("cus_1");
			assertThat(row.plan()).isEqualTo(Plan.FREE);
			assertThat(row.status()).isEqualTo(SubscriptionStatus.NONE);
			assertThat(row.view(T0)).isEqualTo(new SubscriptionView(Plan.FREE, "none", null, false, Entitlements.FREE));
		}

		@Test
		void aCheckoutWhilePremiumChangesNothingButTheCustomer() {
			SubscriptionRow row = ACTIVE.on(new SubscriptionCheckoutStartedEvent(ID, USER, Plan.PREMIUM_YEARLY,
					"price_y", "cus_1", "cs_2", T0.plusSeconds(60)));

			assertThat(row).isEqualTo(ACTIVE);
		}

		@Test
		void anActivationTakesStripesWholeState() {
			assertThat(ACTIVE.plan()).isEqualTo(Plan.PREMIUM_MONTHLY);
			assertThat(ACTIVE.status()).isEqualTo(SubscriptionStatus.ACTIVE);
			assertThat(ACTIVE.stripeSubscriptionId()).isEqualTo(SUB);
			assertThat(ACTIVE.stripeCustomerId()).isEqualTo("cus_1");
			assertThat(ACTIVE.currentPeriodEnd()).isEqualTo(PERIOD_END);
			assertThat(ACTIVE.pastDueSince()).isNull();
			assertThat(ACTIVE.view(T0)).isEqualTo(
					new SubscriptionView(Plan.PREMIUM_MONTHLY, "active", PERIOD_END, false, Entitlements.PREMIUM));
		}

		@Test
		void aChangeSwitchesPlanStatusAndPeriod() {
			Instant later = PERIOD_END.plusSeconds(365 * 86_400L);
			SubscriptionRow row = ACTIVE.on(changed(SUB, Plan.PREMIUM_YEARLY, SubscriptionStatus.ACTIVE, later, T0));

			assertThat(row.plan()).isEqualTo(Plan.PREMIUM_YEARLY);
			assertThat(row.currentPeriodEnd()).isEqualTo(later);
			assertThat(row.view(T0).entitlements()).isEqualTo(Entitlements.PREMIUM);
		}

		@Test
		void aRenewalMovesThePeriodEndForwardOnly() {
			Instant next = PERIOD_END.plusSeconds(31 * 86_400L);
			SubscriptionRow renewed = ACTIVE.on(renewed(SUB, next));
			SubscriptionRow oldInvoicePaidLate = renewed.on(renewed(SUB, PERIOD_END));

			assertThat(renewed.currentPeriodEnd()).isEqualTo(next);
			assertThat(oldInvoicePaidLate.currentPeriodEnd()).isEqualTo(next);
			assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		}

		@Test
		void aFailedPaymentAloneChangesNothing() {
			assertThat(ACTIVE.on(new SubscriptionPaymentFailedEvent(ID, USER, SUB, "in_1", 499, "usd", 1, null, T0)))
				.isEqualTo(ACTIVE);
		}

		@Test
		void aScheduledCancellationKeepsPremiumUntilItIsWithdrawn() {
			SubscriptionRow scheduled = ACTIVE
				.on(new SubscriptionCancellationScheduledEvent(ID, USER, SUB, PERIOD_END, T0));
			SubscriptionRow withdrawn = scheduled.on(new SubscriptionCancellationWithdrawnEvent(ID, USER, SUB, T0));

			assertThat(scheduled.cancelAtPeriodEnd()).isTrue();
			assertThat(scheduled.view(T0).entitlements()).isEqualTo(Entitlements.PREMIUM);
			assertThat(withdrawn.cancelAtPeriodEnd()).isFalse();
			assertThat(withdrawn).isEqualTo(ACTIVE);
		}

		@Test
		void aCancellationEndsPremium() {
			SubscriptionRow row = ACTIVE.on(new SubscriptionCancellationScheduledEvent(ID, USER, SUB, PERIOD_END, T0))
				.on(new SubscriptionCanceledEvent(ID, USER, SUB, PERIOD_END, PERIOD_END));

			assertThat(row.plan()).isEqualTo(Plan.FREE);
			assertThat(row.status()).isEqualTo(SubscriptionStatus.CANCELED);
			assertThat(row.cancelAtPeriodEnd()).isFalse();
			assertThat(row.view(PERIOD_END).entitlements()).isEqualTo(Entitlements.FREE);
		}

		@Test
		void anExpiryEndsPremiumInTheStatusItLapsedIn() {
			SubscriptionRow unpaid = ACTIVE
				.on(changed(SUB, Plan.PREMIUM_MONTHLY, SubscriptionStatus.PAST_DUE, PERIOD_END, T0))
				.on(new SubscriptionExpiredEvent(ID, USER, SUB, SubscriptionStatus.UNPAID, T0.plusSeconds(60)));
			SubscriptionRow checkoutOnly = NONE
				.on(new SubscriptionExpiredEvent(ID, USER, null, SubscriptionStatus.INCOMPLETE_EXPIRED, T0));

			assertThat(unpaid.status()).isEqualTo(SubscriptionStatus.UNPAID);
			assertThat(unpaid.plan()).isEqualTo(Plan.FREE);
			assertThat(unpaid.pastDueSince()).isNull();
			assertThat(checkoutOnly.status()).isEqualTo(SubscriptionStatus.INCOMPLETE_EXPIRED);
			assertThat(checkoutOnly.view(T0).entitlements()).isEqualTo(Entitlements.FREE);
		}

	}

	@Nested
	class PastDue {

		@Test
		void isDatedWhenItStartsAndKeptWhileItLasts() {
			SubscriptionRow pastDue = ACTIVE
				.on(changed(SUB, Plan.PREMIUM_MONTHLY, SubscriptionStatus.PAST_DUE, PERIOD_END, T0.plusSeconds(60)));
			SubscriptionRow stillPastDue = pastDue.on(changed(SUB, Plan.PREMIUM_MONTHLY, SubscriptionStatus.PAST_DUE,
					PERIOD_END.plusSeconds(60), T0.plusSeconds(3600)));

			assertThat(pastDue.pastDueSince()).isEqualTo(T0.plusSeconds(60));
			assertThat(stillPastDue.pastDueSince()).isEqualTo(T0.plusSeconds(60));
		}

		@Test
		void keepsPremiumForTheGraceThenNot() {
			SubscriptionRow pastDue = ACTIVE
				.on(changed(SUB, Plan.PREMIUM_MONTHLY, SubscriptionStatus.PAST_DUE, PERIOD_END, T0));

			assertThat(pastDue.view(T0.plus(Entitlements.PAST_DUE_GRACE).minusSeconds(1)).entitlements())
				.isEqualTo(Entitlements.PREMIUM);
			assertThat(pastDue.view(T0.plus(Entitlements.PAST_DUE_GRACE)).entitlements()).isEqualTo(Entitlements.FREE);
		}

		@Test
		void isClearedWhenThePaymentGoesThrough() {
			SubscriptionRow recovered = ACTIVE
				.on(changed(SUB, Plan.PREMIUM_MONTHLY, SubscriptionStatus.PAST_DUE, PERIOD_END, T0))
				.on(changed(SUB, Plan.PREMIUM_MONTHLY, SubscriptionStatus.ACTIVE, PERIOD_END, T0.plusSeconds(60)));

			assertThat(recovered.pastDueSince()).isNull();
		}

		@Test
		void isDatedWhenTheSubscriptionIsActivatedPastDue() {
			SubscriptionRow row = NONE.on(activated(SubscriptionStatus.PAST_DUE, T0));

			assertThat(row.pastDueSince()).isEqualTo(T0);
		}

	}

	@Nested
	class AnotherStripeSubscription {

		@Test
		void itsLateEventsLeaveTheCurrentOneAlone() {
			assertThat(ACTIVE.on(changed("sub_old", Plan.FREE, SubscriptionStatus.CANCELED, T0, T0))).isEqualTo(ACTIVE);
			assertThat(ACTIVE.on(renewed("sub_old", PERIOD_END.plusSeconds(99)))).isEqualTo(ACTIVE);
			assertThat(ACTIVE.on(new SubscriptionCanceledEvent(ID, USER, "sub_old", T0, T0))).isEqualTo(ACTIVE);
			assertThat(ACTIVE.on(new SubscriptionCancellationScheduledEvent(ID, USER, "sub_old", T0, T0)))
				.isEqualTo(ACTIVE);
			assertThat(ACTIVE.on(new SubscriptionExpiredEvent(ID, USER, "sub_old", SubscriptionStatus.UNPAID, T0)))
				.isEqualTo(ACTIVE);
		}

		@Test
		void anAbandonedSecondCheckoutThatExpiresLeavesPremiumAlone() {
			assertThat(
					ACTIVE.on(new SubscriptionExpiredEvent(ID, USER, null, SubscriptionStatus.INCOMPLETE_EXPIRED, T0)))
				.isEqualTo(ACTIVE);
		}

		@Test
		void aNewActivationTakesOver() {
			SubscriptionRow canceled = ACTIVE.on(new SubscriptionCanceledEvent(ID, USER, SUB, T0, T0));
			SubscriptionRow again = canceled.on(new SubscriptionActivatedEvent(ID, USER, Plan.PREMIUM_YEARLY, "sub_new",
					null, "price_y", SubscriptionStatus.TRIALING, PERIOD_END, false, T0));

			assertThat(again.stripeSubscriptionId()).isEqualTo("sub_new");
			assertThat(again.stripeCustomerId()).as("kept when the event has none").isEqualTo("cus_1");
			assertThat(again.view(T0).entitlements()).isEqualTo(Entitlements.PREMIUM);
		}

	}

	@Test
	void knowsWhichEventsItHasApplied() {
		SubscriptionRow row = ACTIVE.applied(ID.toString(), 3);

		assertThat(row.hasApplied(ID.toString(), 3)).isTrue();
		assertThat(row.hasApplied(ID.toString(), 2)).isTrue();
		assertThat(row.hasApplied(ID.toString(), 4)).isFalse();
		assertThat(row.hasApplied(SubscriptionId.random().toString(), 0)).isFalse();
		assertThat(NONE.hasApplied(ID.toString(), 0)).isFalse();
	}

	static SubscriptionActivatedEvent activated(SubscriptionStatus status, Instant at) {
		return new SubscriptionActivatedEvent(ID, USER, Plan.PREMIUM_MONTHLY, SUB, "cus_1", "price_m", status,
				PERIOD_END, false, at);
	}

	static SubscriptionChangedEvent changed(String stripeSubscription, Plan plan, SubscriptionStatus status,
			Instant periodEnd, Instant at) {
		return new SubscriptionChangedEvent(ID, USER, stripeSubscription, plan, "price_" + plan, status, periodEnd, at);
	}

	static SubscriptionRenewedEvent renewed(String stripeSubscription, Instant periodEnd) {
		return new SubscriptionRenewedEvent(ID, USER, stripeSubscription, "in_" + UUID.randomUUID(),
				"subscription_cycle", 499, "usd", periodEnd, T0);
	}

}
