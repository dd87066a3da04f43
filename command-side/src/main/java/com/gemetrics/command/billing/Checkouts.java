package com.gemetrics.command.billing;

import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.StartCheckoutCommand;
import com.gemetrics.api.subscription.SubscriptionId;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.billing.BillingCustomers.Customer;
import com.gemetrics.command.billing.StripeGateway.CheckoutSession;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Opens Stripe Checkout and billing portal sessions for the caller. The first checkout
 * creates the user's Stripe customer (once: an idempotency key per user, and
 * {@code billing.customers} remembers it) and allocates their subscription id. A user
 * whose subscription is live is refused before Stripe is asked for anything (409
 * {@code SUBSCRIPTION_ALREADY_ACTIVE}: the portal is where it is changed); the
 * subscription checks again when the session is recorded, and a session it refuses is
 * expired. Stripe calls run outside any transaction; Stripe unreachable is 503
 * {@code BILLING_UNAVAILABLE}.
 */
@Component
class Checkouts {

	private static final Logger log = LoggerFactory.getLogger(Checkouts.class);

	private static final int ATTEMPTS = 3;

	private final StripeGateway stripe;

	private final BillingCustomers customers;

	private final CommandGateway commands;

	private final Repository<Subscription> subscriptions;

	private final BillingMetrics metrics;

	private final Clock clock;

	Checkouts(StripeGateway stripe, BillingCustomers customers, CommandGateway commands,
			Repository<Subscription> subscriptions, BillingMetrics metrics, Clock clock) {
		this.stripe = stripe;
		this.customers = customers;
		this.commands = commands;
		this.subscriptions = subscriptions;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** Opens a Checkout session for the plan; answers its id and URL. */
	CheckoutSession start(UserId userId, String planName) {
		this.stripe.requireOn();
		Plan plan = plan(planName);
		Customer customer = this.customers.byUser(userId).orElseGet(() -> newCustomer(userId));
		if (blocksCheckout(customer.subscriptionId())) {
			throw new SubscriptionRejected(SubscriptionError.SUBSCRIPTION_ALREADY_ACTIVE);
		}
		CheckoutSession session = stripe(() -> this.stripe.createCheckout(userId, customer.stripeCustomerId(), plan));
		try {
			retryingConflicts(
					() -> this.commands.sendAndWait(new StartCheckoutCommand(customer.subscriptionId(), userId, plan,
							this.stripe.price(plan), customer.stripeCustomerId(), session.id(), this.clock.instant())));
		}
		catch (SubscriptionRejected ex) {
			expireQuietly(session);
			throw ex;
		}
		this.metrics.checkoutStarted();
		log.info("Opened Checkout session {} for user {} ({})", session.id(), userId, plan);
		return session;
	}

	/** Opens a billing portal session; answers its URL. */
	String portal(UserId userId) {
		this.stripe.requireOn();
		Customer customer = this.customers.byUser(userId)
			.orElseThrow(() -> new SubscriptionRejected(SubscriptionError.BILLING_ACCOUNT_NOT_FOUND));
		return stripe(() -> this.stripe.createPortal(customer.stripeCustomerId()));
	}

	private Customer newCustomer(UserId userId) {
		String stripeCustomerId = stripe(() -> this.stripe.createCustomer(userId));
		return this.customers.claim(userId, stripeCustomerId, this.clock.instant())
			.orElseThrow(() -> new IllegalStateException("billing.customers has no row after claiming one"));
	}

	/** Whether the user's subscription (if it exists yet) refuses a new checkout. */
	private boolean blocksCheckout(SubscriptionId subscriptionId) {
		ResultMessage<Boolean> result = DefaultUnitOfWork.startAndGet(null)
			.executeWithResult(
					() -> this.subscriptions.load(subscriptionId.toString()).invoke(Subscription::blocksCheckout));
		if (!result.isExceptional()) {
			return Boolean.TRUE.equals(result.getPayload());
		}
		if (result.exceptionResult() instanceof AggregateNotFoundException) {
			return false;
		}
		if (result.exceptionResult() instanceof RuntimeException runtime) {
			throw runtime;
		}
		throw new IllegalStateException("loading the subscription failed", result.exceptionResult());
	}

	private void expireQuietly(CheckoutSession session) {
		try {
			this.stripe.expireCheckout(session.id());
		}
		catch (RuntimeException ex) {
			log.info("Could not expire refused Checkout session {} ({}); it expires by itself", session.id(),
					ex.getMessage());
		}
	}

	private static Plan plan(String name) {
		Plan plan;
		try {
			plan = Plan.valueOf(name.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new SubscriptionRejected(SubscriptionError.UNKNOWN_PLAN);
		}
		if (!plan.paid()) {
			throw new SubscriptionRejected(SubscriptionError.PLAN_NOT_PURCHASABLE);
		}
		return plan;
	}

	private static <T> T stripe(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (StripeCallFailed ex) {
			log.warn("Stripe call failed: {}", ex.getMessage());
			throw BillingUnavailable.stripeDown();
		}
	}

	private static <T> T retryingConflicts(Supplier<T> send) {
		for (int attempt = 1;; attempt++) {
			try {
				return send.get();
			}
			catch (AggregateStreamCreationException | ConcurrencyException ex) {
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
