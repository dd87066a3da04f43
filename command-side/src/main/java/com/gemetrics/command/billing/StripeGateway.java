package com.gemetrics.command.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.StripeSubscriptionState;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.user.UserId;
import com.gemetrics.command.outbound.Deadline;
import com.gemetrics.command.outbound.OutboundLane;
import com.gemetrics.command.outbound.OutboundProperties;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Every call we make to Stripe, through one {@link StripeClient} instance (the key and
 * the API base set on it, no global state), each under a total deadline and never inside
 * a database transaction (ADR 0015). Calls from request threads ({@link #createCustomer},
 * {@link #createCheckout}, {@link #createPortal}, {@link #checkPrice}) take a free slot
 * of the {@code stripe} lane and fail at once when it is full
 * ({@code ge.outbound.stripe.deadline}); {@link #fetchSubscription} is called by the
 * inbox processor, which already runs on its own {@code stripe-inbox} lane
 * ({@code ge.outbound.stripe-inbox.deadline}). Failures surface as
 * {@link StripeCallFailed}.
 */
@Component
class StripeGateway {

	/** Metadata key and client reference that tie Stripe objects to our user. */
	static final String USER_ID = "userId";

	private final BillingMode mode;

	private final StripeProperties properties;

	private final StripeClient client;

	private final OutboundLane lane;

	private final Duration deadline;

	private final OutboundLane inboxLane;

	private final Duration inboxDeadline;

	private final Clock clock;

	StripeGateway(StripeProperties properties, Environment environment,
			@Qualifier(OutboundLane.STRIPE) OutboundLane lane,
			@Qualifier(OutboundLane.STRIPE_INBOX) OutboundLane inboxLane, OutboundProperties outbound, Clock clock) {
		this.mode = BillingMode.decide(properties, environment);
		this.properties = properties;
		this.lane = lane;
		this.deadline = outbound.stripe().deadline();
		this.inboxLane = inboxLane;
		this.inboxDeadline = outbound.stripeInbox().deadline();
		this.clock = clock;
		this.client = this.mode.on() ? client(properties) : null;
	}

	private static StripeClient client(StripeProperties properties) {
		return StripeClient.builder()
			.setApiKey(properties.apiKey().strip())
			.setApiBase(properties.apiBase().toString().replaceAll("/+$", ""))
			.setConnectTimeout((int) properties.connectTimeout().toMillis())
			.setReadTimeout((int) properties.readTimeout().toMillis())
			.setMaxNetworkRetries(properties.maxNetworkRetries())
			.setHttpClient(new JdkStripeHttpClient(properties.connectTimeout(), properties.readTimeout()))
			.build();
	}

	BillingMode mode() {
		return this.mode;
	}

	/**
	 * @throws BillingUnavailable when billing is off
	 */
	void requireOn() {
		if (!this.mode.on()) {
			throw BillingUnavailable.off();
		}
	}

	/** The plan a Stripe price stands for, if it is one of ours. */
	Optional<Plan> plan(String priceId) {
		if (priceId == null || !this.mode.on()) {
			return Optional.empty();
		}
		if (priceId.equals(this.properties.priceMonthly().strip())) {
			return Optional.of(Plan.PREMIUM_MONTHLY);
		}
		if (priceId.equals(this.properties.priceYearly().strip())) {
			return Optional.of(Plan.PREMIUM_YEARLY);
		}
		return Optional.empty();
	}

	/** The Stripe price of a paid plan. */
	String price(Plan plan) {
		return switch (plan) {
			case PREMIUM_MONTHLY -> this.properties.priceMonthly().strip();
			case PREMIUM_YEARLY -> this.properties.priceYearly().strip();
			case FREE -> throw new IllegalArgumentException("FREE has no price");
		};
	}

	/**
	 * Creates the user's Stripe customer. The idempotency key is the user's, so a retry
	 * (of this request, or a concurrent one) within Stripe's 24 hours gets the same
	 * customer back.
	 */
	String createCustomer(UserId userId) {
		return callFromRequest("POST /v1/customers",
				() -> requireClient().v1()
					.customers()
					.create(CustomerCreateParams.builder().putMetadata(USER_ID, userId.toString()).build(),
							RequestOptions.builder().setIdempotencyKey("ge-customer-" + userId).build())
					.getId());
	}

	/** A Checkout session in subscription mode for the plan's price. */
	CheckoutSession createCheckout(UserId userId, String customerId, Plan plan) {
		SessionCreateParams params = SessionCreateParams.builder()
			.setMode(SessionCreateParams.Mode.SUBSCRIPTION)
			.setCustomer(customerId)
			.setClientReferenceId(userId.toString())
			.putMetadata(USER_ID, userId.toString())
			.addLineItem(SessionCreateParams.LineItem.builder().setPrice(price(plan)).setQuantity(1L).build())
			.setSubscriptionData(
					SessionCreateParams.SubscriptionData.builder().putMetadata(USER_ID, userId.toString()).build())
			.setSuccessUrl(this.properties.successUrl().toString())
			.setCancelUrl(this.properties.cancelUrl().toString())
			.build();
		Session session = callFromRequest("POST /v1/checkout/sessions",
				() -> requireClient().v1().checkout().sessions().create(params));
		return new CheckoutSession(session.getId(), session.getUrl());
	}

	/**
	 * Expires a session we will not record (best effort: it expires by itself anyway).
	 */
	void expireCheckout(String sessionId) {
		callFromRequest("POST /v1/checkout/sessions/{id}/expire",
				() -> requireClient().v1().checkout().sessions().expire(sessionId));
	}

	/** A billing portal session for the customer; answers its URL. */
	String createPortal(String customerId) {
		com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams
			.builder()
			.setCustomer(customerId)
			.setReturnUrl(this.properties.portalReturnUrl().toString())
			.build();
		return callFromRequest("POST /v1/billing_portal/sessions",
				() -> requireClient().v1().billingPortal().sessions().create(params).getUrl());
	}

	/**
	 * Fetches the subscription's current state; for the inbox processor, on a thread of
	 * the lane.
	 */
	StripeSubscriptionState fetchSubscription(String stripeSubscriptionId) {
		Subscription subscription = callOnLane("GET /v1/subscriptions/{id}",
				() -> requireClient().v1().subscriptions().retrieve(stripeSubscriptionId));
		return state(subscription, this.clock.instant());
	}

	/**
	 * Checks that the key works and the monthly price exists ({@code GET
	 * /v1/prices/{id}}), for the health indicator.
	 */
	void checkPrice() {
		callFromRequest("GET /v1/prices/{id}",
				() -> requireClient().v1().prices().retrieve(this.properties.priceMonthly().strip()));
	}

	StripeSubscriptionState state(Subscription subscription, Instant observedAt) {
		List<SubscriptionItem> items = (subscription.getItems() != null && subscription.getItems().getData() != null)
				? subscription.getItems().getData() : List.of();
		SubscriptionItem item = items.stream()
			.filter((candidate) -> candidate.getPrice() != null && plan(candidate.getPrice().getId()).isPresent())
			.findFirst()
			.orElse(null);
		if (item == null) {
			throw new StripeCallFailed("subscription " + subscription.getId() + " has no item with the price of "
					+ "GE_STRIPE_PRICE_MONTHLY or GE_STRIPE_PRICE_YEARLY", false, null);
		}
		String priceId = item.getPrice().getId();
		SubscriptionStatus status;
		try {
			status = SubscriptionStatus.fromStripe(subscription.getStatus());
		}
		catch (IllegalArgumentException ex) {
			throw new StripeCallFailed("subscription " + subscription.getId() + " has an unknown status", false, ex);
		}
		if (subscription.getCreated() == null || subscription.getCustomer() == null) {
			throw new StripeCallFailed("subscription " + subscription.getId() + " lacks created or customer", false,
					null);
		}
		return new StripeSubscriptionState(subscription.getId(), subscription.getCustomer(), priceId,
				plan(priceId).orElseThrow(), status, instant(item.getCurrentPeriodEnd()),
				Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()), instant(subscription.getCancelAt()),
				instant(subscription.getEndedAt()), Instant.ofEpochSecond(subscription.getCreated()), observedAt);
	}

	private StripeClient requireClient() {
		if (this.client == null) {
			throw BillingUnavailable.off();
		}
		return this.client;
	}

	private <T> T callFromRequest(String what, StripeCall<T> call) {
		requireOn();
		try {
			return this.lane.call(this.deadline, call::call);
		}
		catch (TimeoutException ex) {
			throw new StripeCallFailed(what + ": no answer within " + this.deadline, false, ex);
		}
		catch (RejectedExecutionException ex) {
			throw new StripeCallFailed(what + ": every Stripe call slot is busy", false, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StripeCallFailed(what + ": interrupted", false, ex);
		}
		catch (ExecutionException ex) {
			throw failure(what, ex.getCause());
		}
	}

	private <T> T callOnLane(String what, StripeCall<T> call) {
		requireOn();
		try (Deadline running = Deadline.start(this.inboxDeadline)) {
			try {
				return call.call();
			}
			catch (StripeException ex) {
				if (running.expired()) {
					this.inboxLane.timedOut();
					throw new StripeCallFailed(what + ": no answer within " + this.inboxDeadline, false, ex);
				}
				throw failure(what, ex);
			}
		}
	}

	private static RuntimeException failure(String what, Throwable cause) {
		if (cause instanceof StripeCallFailed failed) {
			return failed;
		}
		if (cause instanceof BillingUnavailable unavailable) {
			return unavailable;
		}
		if (cause instanceof StripeException stripe) {
			Integer status = stripe.getStatusCode();
			boolean permanent = stripe instanceof InvalidRequestException && status != null
					&& (status == 400 || status == 404);
			return new StripeCallFailed(
					what + ": " + stripe.getClass().getSimpleName() + ((status != null) ? " HTTP " + status : "")
							+ ((stripe.getCode() != null) ? " (" + stripe.getCode() + ")" : ""),
					permanent, stripe);
		}
		return new StripeCallFailed(what + ": " + cause, false, cause);
	}

	private static Instant instant(Long epochSecond) {
		return (epochSecond != null) ? Instant.ofEpochSecond(epochSecond) : null;
	}

	/** A Checkout session: its id and the URL to send the user to. */
	record CheckoutSession(String id, String url) {
	}

	@FunctionalInterface
	private interface StripeCall<T> {

		T call() throws StripeException;

	}

}
