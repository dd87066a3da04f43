package com.gemetrics.query.subscriptions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.api.subscription.FindSubscriptionQuery;
import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.subscription.SubscriptionView;
import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.deadletter.DeadLetterView;
import com.gemetrics.platform.deadletter.DeadLetters;
import com.gemetrics.platform.subscription.EntitlementLookup;
import com.gemetrics.query.RealInfrastructure;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static com.gemetrics.query.subscriptions.SubscriptionEvents.NEXT_PERIOD_END;
import static com.gemetrics.query.subscriptions.SubscriptionEvents.PERIOD_END;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The subscriptions projection on the real PostgreSQL: events written to the event store
 * are read by the {@code subscriptions} tracking processor into
 * {@code read.subscriptions} (every event kind, in order), asserted through the table and
 * the query handler; a redelivered event is skipped; a replay rebuilds the same rows; a
 * poison event parks only its subscription in the dead-letter queue (retried here by
 * hand, long before the first automatic retry, 30 s after parking). Shares its context
 * with the other projection ITs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "ge.price-history.backfill.enabled=false")
@ContextConfiguration(initializers = RealInfrastructure.class)
class SubscriptionProjectionIT {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	EventStore store;

	@Autowired
	SubscriptionQueryHandler queries;

	@Autowired
	SubscriptionProjection projection;

	@Autowired
	EventProcessingConfiguration processing;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	EntitlementLookup entitlements;

	private static final Logger log = LoggerFactory.getLogger(SubscriptionProjectionIT.class);

	@AfterEach
	void removePoison() {
		RealInfrastructure.asOwner(this.jdbc.getDataSource())
			.execute("ALTER TABLE read.subscriptions DROP CONSTRAINT IF EXISTS it_poison");
		this.jdbc.update("DELETE FROM dead_letter_entry");
	}

	@Test
	void followsEveryEventKindInOrder() {
		SubscriptionEvents user = new SubscriptionEvents(this.store);

		applied(user.checkoutStarted(Plan.PREMIUM_MONTHLY));
		assertThat(row(user)).containsEntry("plan", "FREE")
			.containsEntry("status", "none")
			.containsEntry("stripe_customer_id", user.customer)
			.containsEntry("subscription_id", user.subscription.toString())
			.containsEntry("last_sequence", 0L);

		applied(user.activated(Plan.PREMIUM_MONTHLY, SubscriptionStatus.ACTIVE));
		assertThat(row(user)).containsEntry("plan", "PREMIUM_MONTHLY")
			.containsEntry("status", "active")
			.containsEntry("stripe_subscription_id", user.stripeSubscription)
			.containsEntry("cancel_at_period_end", false);
		assertThat(view(user))
			.isEqualTo(new SubscriptionView(Plan.PREMIUM_MONTHLY, "active", PERIOD_END, false, Entitlements.PREMIUM));

		applied(user.paymentFailed().changed(Plan.PREMIUM_MONTHLY, SubscriptionStatus.PAST_DUE, PERIOD_END));
		assertThat(row(user)).containsEntry("status", "past_due");
		assertThat(pastDueSince(user)).isEqualTo(SubscriptionEvents.T0.plusSeconds(3 * 60));

		applied(user.renewed(NEXT_PERIOD_END).changed(Plan.PREMIUM_YEARLY, SubscriptionStatus.ACTIVE, NEXT_PERIOD_END));
		assertThat(row(user)).containsEntry("plan", "PREMIUM_YEARLY").containsEntry("status", "active");
		assertThat(pastDueSince(user)).isNull();
		assertThat(view(user).currentPeriodEnd()).isEqualTo(NEXT_PERIOD_END);

		applied(user.cancellationScheduled());
		assertThat(view(user).cancelAtPeriodEnd()).isTrue();
		applied(user.cancellationWithdrawn());
		assertThat(view(user).cancelAtPeriodEnd()).isFalse();
		applied(user.cancellationScheduled());

		applied(user.canceled());
		assertThat(view(user))
			.isEqualTo(new SubscriptionView(Plan.FREE, "canceled", NEXT_PERIOD_END, false, Entitlements.FREE));

		applied(user.expired(null, SubscriptionStatus.INCOMPLETE_EXPIRED));
		assertThat(row(user)).as("a later abandoned checkout leaves the ended subscription's row")
			.containsEntry("status", "canceled")
			.containsEntry("last_sequence", 10L);

		SubscriptionEvents lapsed = new SubscriptionEvents(this.store).checkoutStarted(Plan.PREMIUM_MONTHLY)
			.expired(null, SubscriptionStatus.INCOMPLETE_EXPIRED);
		applied(lapsed);
		assertThat(view(lapsed))
			.isEqualTo(new SubscriptionView(Plan.FREE, "incomplete_expired", null, false, Entitlements.FREE));
	}

	@Test
	void aChangeIsInForceInTheEntitlementCacheWithinTwoSecondsOfItsEvent() {
		SubscriptionEvents user = new SubscriptionEvents(this.store);
		user.checkoutStarted(Plan.PREMIUM_MONTHLY);

		long gained = millisUntilCache(user, true,
				() -> user.activated(Plan.PREMIUM_MONTHLY, SubscriptionStatus.ACTIVE));
		long lost = millisUntilCache(user, false, user::canceled);

		log.info("Entitlement cache in force after the event: premium gained in {} ms, lost in {} ms", gained, lost);
		assertThat(gained).isLessThan(2_000);
		assertThat(lost).isLessThan(2_000);
	}

	private long millisUntilCache(SubscriptionEvents user, boolean premium, Runnable append) {
		long start = System.nanoTime();
		append.run();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> this.entitlements.forUser(user.user).premium() == premium);
		return (System.nanoTime() - start) / 1_000_000;
	}

	@Test
	void answersTheFreePlanForAUserWithoutARow() {
		assertThat(this.queries.handle(new FindSubscriptionQuery(new UserId(java.util.UUID.randomUUID()))))
			.isEqualTo(new SubscriptionView(Plan.FREE, "none", null, false, Entitlements.FREE));
	}

	@Test
	void skipsAnEventItHasAppliedAlready() {
		SubscriptionEvents user = new SubscriptionEvents(this.store).checkoutStarted(Plan.PREMIUM_MONTHLY)
			.activated(Plan.PREMIUM_MONTHLY, SubscriptionStatus.ACTIVE)
			.canceled();
		applied(user);

		// the activation again, as a redelivery would bring it
		this.projection.on(user.activatedEvent(Plan.PREMIUM_MONTHLY, SubscriptionStatus.ACTIVE),
				user.message(1, user.activatedEvent(Plan.PREMIUM_MONTHLY, SubscriptionStatus.ACTIVE)));

		assertThat(row(user)).containsEntry("status", "canceled").containsEntry("last_sequence", 2L);
	}

	@Test
	void aReplayRebuildsTheSameRows() {
		applied(new SubscriptionEvents(this.store).checkoutStarted(Plan.PREMIUM_MONTHLY)
			.activated(Plan.PREMIUM_MONTHLY, SubscriptionStatus.ACTIVE)
			.changed(Plan.PREMIUM_MONTHLY, SubscriptionStatus.PAST_DUE, PERIOD_END));
		applied(new SubscriptionEvents(this.store).checkoutStarted(Plan.PREMIUM_YEARLY)
			.activated(Plan.PREMIUM_YEARLY, SubscriptionStatus.TRIALING)
			.cancellationScheduled());
		List<Map<String, Object>> before = rows();
		assertThat(before).hasSizeGreaterThanOrEqualTo(2);

		TrackingEventProcessor processor = this.processing
			.eventProcessor(SubscriptionProjection.GROUP, TrackingEventProcessor.class)
			.orElseThrow();
		processor.shutDown();
		processor.resetTokens();
		assertThat(rows()).isEmpty();
		processor.start();

		await().atMost(TIMEOUT).until(this::rows, before::equals);
	}

	@Test
	void aPoisonEventParksOnlyItsSubscriptionUntilARetryAfterTheFixAppliesIt() {
		RealInfrastructure.asOwner(this.jdbc.getDataSource())
			.execute("ALTER TABLE read.subscriptions ADD CONSTRAINT it_poison CHECK (status <> 'past_due')");
		SubscriptionEvents poisoned = new SubscriptionEvents(this.store).checkoutStarted(Plan.PREMIUM_MONTHLY)
			.activated(Plan.PREMIUM_MONTHLY, SubscriptionStatus.ACTIVE);
		applied(poisoned);
		poisoned.changed(Plan.PREMIUM_MONTHLY, SubscriptionStatus.PAST_DUE, PERIOD_END).cancellationScheduled();
		SubscriptionEvents other = new SubscriptionEvents(this.store).checkoutStarted(Plan.PREMIUM_YEARLY)
			.activated(Plan.PREMIUM_YEARLY, SubscriptionStatus.ACTIVE);

		applied(other);
		await().atMost(TIMEOUT).until(() -> this.deadLetters.total(SubscriptionProjection.GROUP) == 2);
		List<DeadLetterView> letters = this.deadLetters.list(SubscriptionProjection.GROUP, 10);
		assertThat(letters).extracting(DeadLetterView::sequenceId).containsOnly(poisoned.subscription.toString());
		assertThat(letters).extracting(DeadLetterView::aggregateSequence).containsExactly(2L, 3L);
		assertThat(row(poisoned)).as("the subscription stays where it was")
			.containsEntry("status", "active")
			.containsEntry("last_sequence", 1L);

		RealInfrastructure.asOwner(this.jdbc.getDataSource())
			.execute("ALTER TABLE read.subscriptions DROP CONSTRAINT it_poison");
		DeadLetters.RetryResult retried = this.deadLetters.retryAll(SubscriptionProjection.GROUP, 10);

		assertThat(retried.succeeded()).isEqualTo(1);
		assertThat(this.deadLetters.total(SubscriptionProjection.GROUP)).isZero();
		assertThat(row(poisoned)).containsEntry("status", "past_due")
			.containsEntry("cancel_at_period_end", true)
			.containsEntry("last_sequence", 3L);
	}

	private void applied(SubscriptionEvents events) {
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.queryForList("SELECT last_sequence FROM read.subscriptions WHERE user_id = ?",
					Long.class, events.user.value()), (sequences) -> sequences.equals(List.of(events.sequence())));
	}

	private Map<String, Object> row(SubscriptionEvents events) {
		return this.jdbc.queryForMap("SELECT * FROM read.subscriptions WHERE user_id = ?", events.user.value());
	}

	private java.time.Instant pastDueSince(SubscriptionEvents events) {
		java.sql.Timestamp since = (java.sql.Timestamp) row(events).get("past_due_since");
		return (since != null) ? since.toInstant() : null;
	}

	private SubscriptionView view(SubscriptionEvents events) {
		return this.queries.handle(new FindSubscriptionQuery(events.user));
	}

	/** Every row, without {@code updated_at} (when the projection wrote it). */
	private List<Map<String, Object>> rows() {
		return this.jdbc.queryForList("""
				SELECT user_id, subscription_id, plan, status, stripe_subscription_id, stripe_customer_id,
					current_period_end, cancel_at_period_end, past_due_since, last_sequence
				FROM read.subscriptions ORDER BY user_id
				""");
	}

}
