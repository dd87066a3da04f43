package com.gemetrics.command.billing;

import java.time.Instant;

import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.RecordCheckoutExpiredCommand;
import com.gemetrics.api.subscription.RecordInvoicePaidCommand;
import com.gemetrics.api.subscription.RecordInvoicePaymentFailedCommand;
import com.gemetrics.api.subscription.StartCheckoutCommand;
import com.gemetrics.api.subscription.SubscriptionCanceledEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationScheduledEvent;
import com.gemetrics.api.subscription.SubscriptionCancellationWithdrawnEvent;
import com.gemetrics.api.subscription.SubscriptionChangedEvent;
import com.gemetrics.api.subscription.SubscriptionCheckoutStartedEvent;
import com.gemetrics.api.subscription.SubscriptionExpiredEvent;
import com.gemetrics.api.subscription.SubscriptionPaymentFailedEvent;
import com.gemetrics.api.subscription.SubscriptionRenewedEvent;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.subscription.SyncSubscriptionCommand;
import com.gemetrics.command.billing.SubscriptionFixtures.Stripe;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static com.gemetrics.command.billing.SubscriptionFixtures.CREATED;
import static com.gemetrics.command.billing.SubscriptionFixtures.CUSTOMER;
import static com.gemetrics.command.billing.SubscriptionFixtures.MONTHLY;
import static com.gemetrics.command.billing.SubscriptionFixtures.NEWER_SUB;
import static com.gemetrics.command.billing.SubscriptionFixtures.OBSERVED;
import static com.gemetrics.command.billing.SubscriptionFixtures.OWNER;
import static com.gemetrics.command.billing.SubscriptionFixtures.PERIOD_END;
import static com.gemetrics.command.billing.SubscriptionFixtures.STRANGER;
import static com.gemetrics.command.billing.SubscriptionFixtures.SUB;
import static com.gemetrics.command.billing.SubscriptionFixtures.SUBSCRIPTION;
import static com.gemetrics.command.billing.SubscriptionFixtures.YEARLY;
import static com.gemetrics.command.billing.SubscriptionFixtures.activated;
import static com.gemetrics.command.billing.SubscriptionFixtures.rejectedWith;
import static com.gemetrics.command.billing.SubscriptionFixtures.stripe;
import static com.gemetrics.command.billing.SubscriptionFixtures.sync;

class SubscriptionTest {

	private static final Instant NOW = OBSERVED.minusSeconds(60);

	private static final Instant ENDED = Instant.parse("2026-12-20T08:00:00Z");

	private AggregateTestFixture<Subscription> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(Subscription.class);
	}

	private static StartCheckoutCommand checkout(String session) {
		return new StartCheckoutCommand(SUBSCRIPTION, OWNER, Plan.PREMIUM_MONTHLY, MONTHLY, CUSTOMER, session, NOW);
	}

	private static SubscriptionCheckoutStartedEvent checkoutStarted(String session) {
		return new SubscriptionCheckoutStartedEvent(SUBSCRIPTION, OWNER, Plan.PREMIUM_MONTHLY, MONTHLY, CUSTOMER,
				session, NOW);
	}

	private static SubscriptionChangedEvent changed(Stripe stripe) {
		return new SubscriptionChangedEvent(SUBSCRIPTION, OWNER, stripe.id(), stripe.plan(), stripe.price(),
				stripe.status(), stripe.periodEnd(), stripe.observedAt());
	}

	private static SubscriptionCancellationScheduledEvent scheduled(Stripe stripe, Instant cancelAt) {
		return new SubscriptionCancellationScheduledEvent(SUBSCRIPTION, OWNER, stripe.id(), cancelAt,
				stripe.observedAt());
	}

	@Nested
	class StartingACheckout {

		@Test
		void firstCheckoutCreatesTheSubscription() {
			SubscriptionTest.this.fixture.givenNoPriorActivity()
				.when(checkout("cs_1"))
				.expectSuccessfulHandlerExecution()
				.expectEvents(checkoutStarted("cs_1"));
		}

		@Test
		void aSecondSessionIsRecordedToo() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_1"))
				.when(checkout("cs_2"))
				.expectEvents(checkoutStarted("cs_2"));
		}

		@Test
		void theSameSessionAgainRecordsNothing() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_1"))
				.when(checkout("cs_1"))
				.expectSuccessfulHandlerExecution()
				.expectNoEvents();
		}

		@Test
		void cannotBuyTheFreePlan() {
			SubscriptionTest.this.fixture.givenNoPriorActivity()
				.when(new StartCheckoutCommand(SUBSCRIPTION, OWNER, Plan.FREE, MONTHLY, CUSTOMER, "cs_1", NOW))
				.expectNoEvents()
				.expectException(rejectedWith(SubscriptionError.PLAN_NOT_PURCHASABLE));
		}

		@ParameterizedTest
		@EnumSource(value = SubscriptionStatus.class, names = { "ACTIVE", "TRIALING", "PAST_DUE", "UNPAID", "PAUSED" })
		void cannotBuyAgainWhileASubscriptionIsLive(SubscriptionStatus status) {
			SubscriptionTest.this.fixture.given(activated(stripe().status(status)))
				.when(checkout("cs_2"))
				.expectNoEvents()
				.expectException(rejectedWith(SubscriptionError.SUBSCRIPTION_ALREADY_ACTIVE));
		}

		@Test
		void canBuyAgainOnceTheSubscriptionEnded() {
			SubscriptionTest.this.fixture
				.given(activated(stripe()),
						new SubscriptionCanceledEvent(SUBSCRIPTION, OWNER, SUB, ENDED, OBSERVED.plusSeconds(60)))
				.when(checkout("cs_2"))
				.expectEvents(checkoutStarted("cs_2"));
		}

		@Test
		void cannotCheckOutOnAnotherUsersSubscription() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_1"))
				.when(new StartCheckoutCommand(SUBSCRIPTION, STRANGER, Plan.PREMIUM_MONTHLY, MONTHLY, CUSTOMER, "cs_2",
						NOW))
				.expectNoEvents()
				.expectException(rejectedWith(SubscriptionError.NOT_THE_OWNER));
		}

	}

	@Nested
	class FirstReport {

		@Test
		void anActiveSubscriptionIsActivated() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_1"))
				.when(sync(stripe()))
				.expectEvents(activated(stripe()))
				.expectResultMessagePayload(true);
		}

		@Test
		void aTrialIsActivatedToo() {
			Stripe trial = stripe().status(SubscriptionStatus.TRIALING);
			SubscriptionTest.this.fixture.givenNoPriorActivity().when(sync(trial)).expectEvents(activated(trial));
		}

		@Test
		void aCancellationAtThePeriodEndTravelsWithTheActivation() {
			Stripe ending = stripe().cancelAtPeriodEnd(true);
			SubscriptionTest.this.fixture.givenNoPriorActivity().when(sync(ending)).expectEvents(activated(ending));
		}

		@Test
		void aCancellationBeforeThePeriodEndIsScheduledAfterTheActivation() {
			Instant cancelAt = PERIOD_END.minusSeconds(86_400);
			Stripe ending = stripe().cancelAt(cancelAt);
			SubscriptionTest.this.fixture.givenNoPriorActivity()
				.when(sync(ending))
				.expectEvents(activated(ending), GenericEventMessage.asEventMessage(scheduled(ending, cancelAt)));
		}

		@Test
		void aSubscriptionAwaitingItsFirstPaymentIsNotFollowedYet() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_1"))
				.when(sync(stripe().status(SubscriptionStatus.INCOMPLETE)))
				.expectSuccessfulHandlerExecution()
				.expectNoEvents()
				.expectResultMessagePayload(false);
		}

		@Test
		void aCanceledSubscriptionNeverFollowedRecordsNothing() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_1"))
				.when(sync(stripe().status(SubscriptionStatus.CANCELED)))
				.expectNoEvents();
		}

		@Test
		void aFirstPaymentThatLapsedIsRecordedAsExpired() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_1"))
				.when(sync(stripe().status(SubscriptionStatus.INCOMPLETE_EXPIRED)))
				.expectEvents(new SubscriptionExpiredEvent(SUBSCRIPTION, OWNER, SUB,
						SubscriptionStatus.INCOMPLETE_EXPIRED, OBSERVED));
		}

		@Test
		void theSameLapseAgainRecordsNothing() {
			SubscriptionTest.this.fixture
				.given(checkoutStarted("cs_1"),
						new SubscriptionExpiredEvent(SUBSCRIPTION, OWNER, SUB, SubscriptionStatus.INCOMPLETE_EXPIRED,
								OBSERVED))
				.when(sync(stripe().status(SubscriptionStatus.INCOMPLETE_EXPIRED).seenLater(30)))
				.expectNoEvents();
		}

		@Test
		void aNewerSubscriptionThatLapsedWhileAnotherIsLiveRecordsNothing() {
			SubscriptionTest.this.fixture.given(activated(stripe()))
				.when(sync(stripe().id(NEWER_SUB)
					.created(CREATED.plusSeconds(3600))
					.status(SubscriptionStatus.INCOMPLETE_EXPIRED)
					.seenLater(3600)))
				.expectNoEvents();
		}

		@Test
		void cannotReportOnAnotherUsersSubscription() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_1"))
				.when(new SyncSubscriptionCommand(SUBSCRIPTION, STRANGER, stripe().state()))
				.expectNoEvents()
				.expectException(rejectedWith(SubscriptionError.NOT_THE_OWNER));
		}

	}

	@Nested
	class FollowingTheSubscription {

		@Test
		void theSameReportTwiceRecordsNothing() {
			SubscriptionTest.this.fixture.given(activated(stripe()))
				.when(sync(stripe().seenLater(10)))
				.expectSuccessfulHandlerExecution()
				.expectNoEvents()
				.expectResultMessagePayload(false);
		}

		@Test
		void aFailedRenewalIsAChangeToPastDue() {
			Stripe pastDue = stripe().status(SubscriptionStatus.PAST_DUE).seenLater(60);
			SubscriptionTest.this.fixture.given(activated(stripe())).when(sync(pastDue)).expectEvents(changed(pastDue));
		}

		@Test
		void aRecoveredPaymentIsAChangeBackToActive() {
			Stripe active = stripe().seenLater(120);
			SubscriptionTest.this.fixture
				.given(activated(stripe()), changed(stripe().status(SubscriptionStatus.PAST_DUE).seenLater(60)))
				.when(sync(active))
				.expectEvents(changed(active));
		}

		@Test
		void aSwitchToTheYearlyPlanIsAChange() {
			Stripe yearly = stripe().yearly().seenLater(60);
			SubscriptionTest.this.fixture.given(activated(stripe())).when(sync(yearly)).expectEvents(changed(yearly));
		}

		@Test
		void aNewPeriodIsAChange() {
			Stripe renewed = stripe().periodEnd(PERIOD_END.plusSeconds(31L * 86_400)).seenLater(60);
			SubscriptionTest.this.fixture.given(activated(stripe())).when(sync(renewed)).expectEvents(changed(renewed));
		}

		@Test
		void aCancellationAtThePeriodEndIsScheduled() {
			Stripe ending = stripe().cancelAtPeriodEnd(true).seenLater(60);
			SubscriptionTest.this.fixture.given(activated(stripe()))
				.when(sync(ending))
				.expectEvents(scheduled(ending, PERIOD_END));
		}

		@Test
		void aCancellationTakenBackIsWithdrawn() {
			Stripe renewing = stripe().seenLater(120);
			SubscriptionTest.this.fixture.given(activated(stripe().cancelAtPeriodEnd(true)))
				.when(sync(renewing))
				.expectEvents(
						new SubscriptionCancellationWithdrawnEvent(SUBSCRIPTION, OWNER, SUB, renewing.observedAt()));
		}

		@Test
		void aCancellationMovedIsScheduledAgain() {
			Instant earlier = PERIOD_END.minusSeconds(86_400);
			Stripe moved = stripe().cancelAtPeriodEnd(true).cancelAt(earlier).seenLater(120);
			SubscriptionTest.this.fixture.given(activated(stripe().cancelAtPeriodEnd(true)))
				.when(sync(moved))
				.expectEvents(scheduled(moved, earlier));
		}

		@Test
		void aChangeAndACancellationInOneReportAreBothRecorded() {
			Stripe both = stripe().yearly().cancelAtPeriodEnd(true).seenLater(60);
			SubscriptionTest.this.fixture.given(activated(stripe()))
				.when(sync(both))
				.expectEvents(changed(both), scheduled(both, PERIOD_END));
		}

		@Test
		void theEndIsRecordedAsCanceled() {
			Stripe canceled = stripe().status(SubscriptionStatus.CANCELED).endedAt(ENDED).seenLater(60);
			SubscriptionTest.this.fixture.given(activated(stripe()))
				.when(sync(canceled))
				.expectEvents(new SubscriptionCanceledEvent(SUBSCRIPTION, OWNER, SUB, ENDED, canceled.observedAt()));
		}

		@Test
		void anEndWithoutATimeEndsWhenItWasSeen() {
			Stripe canceled = stripe().status(SubscriptionStatus.CANCELED).seenLater(60);
			SubscriptionTest.this.fixture.given(activated(stripe()))
				.when(sync(canceled))
				.expectEvents(new SubscriptionCanceledEvent(SUBSCRIPTION, OWNER, SUB, canceled.observedAt(),
						canceled.observedAt()));
		}

		@Test
		void reportsAfterTheEndRecordNothing() {
			SubscriptionTest.this.fixture
				.given(activated(stripe()),
						new SubscriptionCanceledEvent(SUBSCRIPTION, OWNER, SUB, ENDED, OBSERVED.plusSeconds(60)))
				.when(sync(stripe().status(SubscriptionStatus.CANCELED).endedAt(ENDED).seenLater(120)))
				.expectNoEvents();
		}

		@Test
		void unpaidAfterStripesRetriesIsRecordedAsExpired() {
			Stripe unpaid = stripe().status(SubscriptionStatus.UNPAID).seenLater(120);
			SubscriptionTest.this.fixture
				.given(activated(stripe()), changed(stripe().status(SubscriptionStatus.PAST_DUE).seenLater(60)))
				.when(sync(unpaid))
				.expectEvents(new SubscriptionExpiredEvent(SUBSCRIPTION, OWNER, SUB, SubscriptionStatus.UNPAID,
						unpaid.observedAt()));
		}

		@Test
		void unpaidTwiceRecordsNothing() {
			SubscriptionTest.this.fixture
				.given(activated(stripe()),
						new SubscriptionExpiredEvent(SUBSCRIPTION, OWNER, SUB, SubscriptionStatus.UNPAID,
								OBSERVED.plusSeconds(60)))
				.when(sync(stripe().status(SubscriptionStatus.UNPAID).seenLater(120)))
				.expectNoEvents();
		}

		@Test
		void anUnpaidSubscriptionPaidAfterAllIsAChangeBackToActive() {
			Stripe active = stripe().seenLater(120);
			SubscriptionTest.this.fixture
				.given(activated(stripe()),
						new SubscriptionExpiredEvent(SUBSCRIPTION, OWNER, SUB, SubscriptionStatus.UNPAID,
								OBSERVED.plusSeconds(60)))
				.when(sync(active))
				.expectEvents(changed(active));
		}

		@Test
		void aReportObservedBeforeTheLastOneAppliedIsIgnored() {
			SubscriptionTest.this.fixture
				.given(activated(stripe()), changed(stripe().status(SubscriptionStatus.PAST_DUE).seenLater(60)))
				.when(sync(stripe().seenLater(30)))
				.expectNoEvents();
		}

	}

	@Nested
	class AnotherStripeSubscription {

		private final Stripe newer = stripe().id(NEWER_SUB).created(CREATED.plusSeconds(86_400)).seenLater(86_400);

		@Test
		void anOlderOneIsIgnored() {
			SubscriptionTest.this.fixture.given(activated(this.newer))
				.when(sync(stripe().seenLater(90_000)))
				.expectNoEvents();
		}

		@Test
		void aNewerOneIsFollowedAfterTheFirstEnded() {
			SubscriptionTest.this.fixture
				.given(activated(stripe()),
						new SubscriptionCanceledEvent(SUBSCRIPTION, OWNER, SUB, ENDED, OBSERVED.plusSeconds(60)))
				.when(sync(this.newer))
				.expectEvents(activated(this.newer));
		}

		@Test
		void aNewerLiveOneIsFollowedEvenBeforeTheFirstIsReportedEnded() {
			SubscriptionTest.this.fixture.given(activated(stripe()))
				.when(sync(this.newer))
				.expectEvents(activated(this.newer));
		}

		@Test
		void theEndOfTheOlderOneReportedLateRecordsNothing() {
			SubscriptionTest.this.fixture.given(activated(stripe()), activated(this.newer))
				.when(sync(stripe().status(SubscriptionStatus.CANCELED).endedAt(ENDED).seenLater(90_000)))
				.expectNoEvents();
		}

		@Test
		void aNewerOneAwaitingItsFirstPaymentIsNotFollowedYet() {
			SubscriptionTest.this.fixture
				.given(activated(stripe()),
						new SubscriptionCanceledEvent(SUBSCRIPTION, OWNER, SUB, ENDED, OBSERVED.plusSeconds(60)))
				.when(sync(this.newer.status(SubscriptionStatus.INCOMPLETE)))
				.expectNoEvents();
		}

	}

	@Nested
	class Invoices {

		private final RecordInvoicePaidCommand paid = new RecordInvoicePaidCommand(SUBSCRIPTION, OWNER, SUB, "in_1",
				"subscription_cycle", 499, "eur", PERIOD_END, OBSERVED);

		private final RecordInvoicePaymentFailedCommand failed = new RecordInvoicePaymentFailedCommand(SUBSCRIPTION,
				OWNER, SUB, "in_2", 499, "eur", 1, OBSERVED.plusSeconds(86_400), OBSERVED);

		@Test
		void aPaidInvoiceIsRecorded() {
			SubscriptionTest.this.fixture.given(activated(stripe()))
				.when(this.paid)
				.expectEvents(new SubscriptionRenewedEvent(SUBSCRIPTION, OWNER, SUB, "in_1", "subscription_cycle", 499,
						"eur", PERIOD_END, OBSERVED))
				.expectResultMessagePayload(true);
		}

		@Test
		void theSamePaidInvoiceAgainRecordsNothing() {
			SubscriptionTest.this.fixture
				.given(activated(stripe()),
						new SubscriptionRenewedEvent(SUBSCRIPTION, OWNER, SUB, "in_1", "subscription_cycle", 499, "eur",
								PERIOD_END, OBSERVED))
				.when(this.paid)
				.expectNoEvents()
				.expectResultMessagePayload(false);
		}

		@Test
		void anInvoiceOfAnotherStripeSubscriptionRecordsNothing() {
			SubscriptionTest.this.fixture.given(activated(stripe().id(NEWER_SUB)))
				.when(this.paid)
				.expectSuccessfulHandlerExecution()
				.expectNoEvents();
		}

		@Test
		void aFailedPaymentIsRecorded() {
			SubscriptionTest.this.fixture.given(activated(stripe()))
				.when(this.failed)
				.expectEvents(new SubscriptionPaymentFailedEvent(SUBSCRIPTION, OWNER, SUB, "in_2", 499, "eur", 1,
						OBSERVED.plusSeconds(86_400), OBSERVED));
		}

		@Test
		void theSameFailedAttemptAgainRecordsNothing() {
			SubscriptionTest.this.fixture
				.given(activated(stripe()),
						new SubscriptionPaymentFailedEvent(SUBSCRIPTION, OWNER, SUB, "in_2", 499, "eur", 1,
								OBSERVED.plusSeconds(86_400), OBSERVED))
				.when(this.failed)
				.expectNoEvents();
		}

		@Test
		void theNextFailedAttemptIsRecorded() {
			SubscriptionTest.this.fixture
				.given(activated(stripe()),
						new SubscriptionPaymentFailedEvent(SUBSCRIPTION, OWNER, SUB, "in_2", 499, "eur", 1,
								OBSERVED.plusSeconds(86_400), OBSERVED))
				.when(new RecordInvoicePaymentFailedCommand(SUBSCRIPTION, OWNER, SUB, "in_2", 499, "eur", 2, null,
						OBSERVED.plusSeconds(86_400)))
				.expectEvents(new SubscriptionPaymentFailedEvent(SUBSCRIPTION, OWNER, SUB, "in_2", 499, "eur", 2, null,
						OBSERVED.plusSeconds(86_400)));
		}

		@Test
		void aFailedPaymentOfAnotherStripeSubscriptionRecordsNothing() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_1")).when(this.failed).expectNoEvents();
		}

	}

	@Nested
	class ExpiredCheckouts {

		private final RecordCheckoutExpiredCommand expired = new RecordCheckoutExpiredCommand(SUBSCRIPTION, OWNER,
				"cs_1", OBSERVED);

		@Test
		void anOpenSessionThatExpiredIsRecorded() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_1"))
				.when(this.expired)
				.expectEvents(new SubscriptionExpiredEvent(SUBSCRIPTION, OWNER, null,
						SubscriptionStatus.INCOMPLETE_EXPIRED, OBSERVED));
		}

		@Test
		void anExpiredSessionAgainRecordsNothing() {
			SubscriptionTest.this.fixture
				.given(checkoutStarted("cs_1"),
						new SubscriptionExpiredEvent(SUBSCRIPTION, OWNER, null, SubscriptionStatus.INCOMPLETE_EXPIRED,
								OBSERVED))
				.when(this.expired)
				.expectNoEvents();
		}

		@Test
		void anUnknownSessionRecordsNothing() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_2")).when(this.expired).expectNoEvents();
		}

		@Test
		void aSessionExpiringWhileASubscriptionIsLiveRecordsNothing() {
			SubscriptionTest.this.fixture.given(checkoutStarted("cs_1"), activated(stripe()))
				.when(this.expired)
				.expectNoEvents();
		}

	}

}
