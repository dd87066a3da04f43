package com.gemetrics.command.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.gemetrics.command.axon.Actors;
import com.gemetrics.api.subscription.RecordCheckoutExpiredCommand;
import com.gemetrics.api.subscription.RecordInvoicePaidCommand;
import com.gemetrics.api.subscription.RecordInvoicePaymentFailedCommand;
import com.gemetrics.api.subscription.StripeSubscriptionState;
import com.gemetrics.api.subscription.SyncSubscriptionCommand;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.billing.BillingCustomers.Customer;
import com.gemetrics.command.billing.StripeEvents.Action;
import com.gemetrics.command.billing.StripeEvents.Invoice;
import com.gemetrics.command.billing.StripeEvents.Route;
import com.gemetrics.command.billing.StripeEvents.UnreadableEvent;
import com.gemetrics.command.billing.StripeInbox.InboxEvent;
import com.gemetrics.command.outbound.OutboundLane;
import com.gemetrics.command.outbound.OutboundProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Processes the stored Stripe events, on every instance, in three steps so that no
 * transaction is open while Stripe takes its time (ADR 0015, ADR 0020):
 * <ol>
 * <li>claim: one short statement claims as many due events as the {@code stripe-inbox}
 * lane has free threads ({@code FOR UPDATE SKIP LOCKED}, a lease of
 * {@code ge.outbound.lease});</li>
 * <li>process, on that lane: find the Stripe subscription and the user the event is about
 * (the user through {@code billing.customers}, by Stripe customer, else by the
 * {@code userId} metadata or client reference, which then claims a row), fetch the
 * subscription's current state from Stripe under the deadline, and hand it to the
 * subscription ({@link SyncSubscriptionCommand}), which records only what changed; an
 * invoice event then records its invoice (amounts from the event);</li>
 * <li>record: mark the event processed, if this claim still holds it.</li>
 * </ol>
 * A failure is retried with a doubling delay ({@code ge.stripe.inbox.retry-delay}, capped
 * at {@code max-retry-delay}); after {@code max-attempts}, or at once when retrying
 * cannot help (an event that cannot be read, a customer we cannot tie to a user, a
 * subscription Stripe says does not exist), the event is dead: kept with its reason,
 * counted ({@code ge.billing.inbox.dead}) and logged. An instance that dies mid-way
 * leaves the event to be claimed again after the lease: processing twice changes nothing,
 * because the subscription compares and invoices are recorded once.
 */
@Component
class StripeInboxProcessor {

	private static final Logger log = LoggerFactory.getLogger(StripeInboxProcessor.class);

	private static final int COMMAND_ATTEMPTS = 3;

	private final StripeInbox inbox;

	private final StripeEvents events;

	private final BillingCustomers customers;

	private final StripeGateway stripe;

	private final CommandGateway commands;

	private final StripeProperties properties;

	private final OutboundProperties outbound;

	private final OutboundLane lane;

	private final BillingMetrics metrics;

	private final Clock clock;

	StripeInboxProcessor(StripeInbox inbox, StripeEvents events, BillingCustomers customers, StripeGateway stripe,
			CommandGateway commands, StripeProperties properties, OutboundProperties outbound,
			@Qualifier(OutboundLane.STRIPE_INBOX) OutboundLane lane, BillingMetrics metrics, Clock clock,
			MeterRegistry meters) {
		this.inbox = inbox;
		this.events = events;
		this.customers = customers;
		this.stripe = stripe;
		this.commands = commands;
		this.properties = properties;
		this.outbound = outbound;
		this.lane = lane;
		this.metrics = metrics;
		this.clock = clock;
		Gauge.builder("ge.billing.inbox.pending", inbox, StripeInbox::pending)
			.description("Stripe events stored and not yet processed")
			.register(meters);
	}

	/**
	 * Claims up to one batch of due events (no more than the lane has free threads) and
	 * hands them to the lane; answers how many were claimed. Never waits for Stripe.
	 */
	int processDue() {
		if (!this.stripe.mode().on()) {
			return 0;
		}
		int slots = this.lane.reserve(this.properties.inbox().batchSize());
		if (slots == 0) {
			return 0;
		}
		List<InboxEvent> claimed;
		try {
			Instant now = this.clock.instant();
			claimed = this.inbox.claimDue(now, slots, now.plus(this.outbound.lease()), UUID.randomUUID());
		}
		catch (RuntimeException ex) {
			this.lane.release(slots);
			throw ex;
		}
		this.lane.release(slots - claimed.size());
		claimed.forEach((event) -> this.lane.run(() -> attempt(event)));
		return claimed.size();
	}

	private void attempt(InboxEvent event) {
		try {
			String note = Actors.callAs("stripe-inbox", () -> process(event));
			if (!this.inbox.processed(event, note, this.clock.instant())) {
				leaseLost(event);
			}
		}
		catch (StripeCallFailed ex) {
			failed(event, ex.getMessage(), ex.permanent());
		}
		catch (UnreadableEvent | UnknownCustomer | SubscriptionRejected ex) {
			failed(event, ex.getMessage(), true);
		}
		catch (RuntimeException ex) {
			log.warn("Processing Stripe event {} ({}) failed", event.eventId(), event.type(), ex);
			failed(event, ex.getClass().getSimpleName() + ": " + ex.getMessage(), false);
		}
	}

	/** Processes one event; answers a note for the row (null: nothing to say). */
	private String process(InboxEvent event) {
		Route route = this.events.route(event.type(), event.payload());
		if (route.action() == Action.NOTHING) {
			return "nothing to do";
		}
		Customer customer = owner(route);
		if (route.action() == Action.CHECKOUT_EXPIRED) {
			send(() -> this.commands.sendAndWait(new RecordCheckoutExpiredCommand(customer.subscriptionId(),
					customer.userId(), route.checkoutSessionId(), this.clock.instant())));
			return null;
		}
		StripeSubscriptionState state = this.stripe.fetchSubscription(route.stripeSubscriptionId());
		send(() -> this.commands
			.sendAndWait(new SyncSubscriptionCommand(customer.subscriptionId(), customer.userId(), state)));
		if (event.type().startsWith("checkout.session.")) {
			this.metrics.checkoutCompleted();
		}
		Invoice invoice = route.invoice();
		if (route.action() == Action.INVOICE_PAID) {
			Instant periodEnd = (invoice.periodEnd() != null) ? invoice.periodEnd() : state.currentPeriodEnd();
			Instant paidAt = (invoice.paidAt() != null) ? invoice.paidAt() : event.stripeCreated();
			if (Boolean.TRUE
				.equals(send(() -> this.commands.sendAndWait(new RecordInvoicePaidCommand(customer.subscriptionId(),
						customer.userId(), route.stripeSubscriptionId(), invoice.id(), invoice.billingReason(),
						invoice.amountPaid(), invoice.currency(), periodEnd, paidAt))))) {
				this.metrics.paymentRecorded();
			}
		}
		else if (route.action() == Action.INVOICE_PAYMENT_FAILED) {
			if (Boolean.TRUE.equals(send(() -> this.commands
				.sendAndWait(new RecordInvoicePaymentFailedCommand(customer.subscriptionId(), customer.userId(),
						route.stripeSubscriptionId(), invoice.id(), invoice.amountDue(), invoice.currency(),
						invoice.attemptCount(), invoice.nextPaymentAttempt(), event.stripeCreated()))))) {
				this.metrics.paymentFailureRecorded();
			}
		}
		return null;
	}

	/**
	 * The user (and subscription) the event is about: by Stripe customer; else by our
	 * user id in the event, claiming a {@code billing.customers} row if the user has none
	 * yet (a subscription made outside our checkout).
	 */
	private Customer owner(Route route) {
		if (route.stripeCustomerId() != null) {
			Optional<Customer> known = this.customers.byStripeCustomer(route.stripeCustomerId());
			if (known.isPresent()) {
				return known.get();
			}
		}
		UserId userId = userId(route.userId());
		if (userId == null) {
			throw new UnknownCustomer("customer is not in billing.customers and the event names no user");
		}
		Optional<Customer> byUser = this.customers.byUser(userId);
		if (byUser.isPresent()) {
			return byUser.get();
		}
		if (route.stripeCustomerId() == null) {
			throw new UnknownCustomer("the user has no billing.customers row and the event names no customer");
		}
		return this.customers.claim(userId, route.stripeCustomerId(), this.clock.instant())
			.orElseThrow(() -> new UnknownCustomer("the customer belongs to another user"));
	}

	private static UserId userId(String value) {
		if (value == null) {
			return null;
		}
		try {
			return UserId.of(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Sends again when another instance appended to the same subscription first; the next
	 * attempt loads the winner's events.
	 */
	private static <T> T send(Supplier<T> send) {
		for (int attempt = 1;; attempt++) {
			try {
				return send.get();
			}
			catch (AggregateStreamCreationException | ConcurrencyException ex) {
				if (attempt >= COMMAND_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private void failed(InboxEvent event, String reason, boolean permanent) {
		Instant now = this.clock.instant();
		String error = (reason != null && reason.length() > 500) ? reason.substring(0, 500) : reason;
		if (permanent || event.attempts() >= this.properties.inbox().maxAttempts()) {
			if (!this.inbox.dead(event, error, now)) {
				leaseLost(event);
				return;
			}
			this.metrics.inboxEventDead();
			log.error("Gave up Stripe event {} ({}) after {} attempts: {}", event.eventId(), event.type(),
					event.attempts(), error);
			return;
		}
		Duration delay = retryDelay(event.attempts());
		if (!this.inbox.retryLater(event, error, now.plus(delay))) {
			leaseLost(event);
			return;
		}
		log.info("Processing Stripe event {} ({}) failed ({}); retrying in {}", event.eventId(), event.type(), error,
				delay);
	}

	private Duration retryDelay(int attempts) {
		Duration delay = this.properties.inbox().retryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
		Duration max = this.properties.inbox().maxRetryDelay();
		return (delay.compareTo(max) > 0) ? max : delay;
	}

	private void leaseLost(InboxEvent event) {
		log.warn("Stripe event {} was claimed again before its outcome was recorded (lease {} ran out)",
				event.eventId(), this.outbound.lease());
	}

	/**
	 * The event's customer cannot be tied to one of our users; trying again cannot help.
	 */
	static class UnknownCustomer extends RuntimeException {

		UnknownCustomer(String reason) {
			super(reason);
		}

	}

}
