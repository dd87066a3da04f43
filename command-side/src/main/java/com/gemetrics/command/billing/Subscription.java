package com.gemetrics.command.billing;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.RecordCheckoutExpiredCommand;
import com.gemetrics.api.subscription.RecordInvoicePaidCommand;
import com.gemetrics.api.subscription.RecordInvoicePaymentFailedCommand;
import com.gemetrics.api.subscription.StartCheckoutCommand;
import com.gemetrics.api.subscription.StripeSubscriptionState;
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
import com.gemetrics.api.subscription.SyncSubscriptionCommand;
import com.gemetrics.api.user.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's one subscription: the Checkout sessions they opened, and the Stripe
 * subscription it follows, whose state it keeps in step with what Stripe reports. Created
 * by the first checkout (or by the first report of a subscription made elsewhere, such as
 * the Stripe dashboard); its id is allocated then and kept in {@code billing.customers}.
 *
 * <p>
 * Stripe's webhooks arrive late, twice or out of order, so the inbox processor never
 * trusts their content: it fetches the Stripe subscription's current state and hands it
 * over ({@link SyncSubscriptionCommand}); this aggregate records only what differs from
 * what it knows (ADR 0020):
 * <ul>
 * <li>a subscription it does not follow yet is followed once it is live (active,
 * trialing, past due, unpaid or paused): {@link SubscriptionActivatedEvent}; one still
 * awaiting its first payment ({@code incomplete}) is not, and one that lapsed that way
 * ({@code incomplete_expired}) is recorded as {@link SubscriptionExpiredEvent} while none
 * is live;</li>
 * <li>a report of a subscription created (at Stripe) before the followed one is ignored;
 * a newer one (the user subscribed again after canceling) is followed instead;</li>
 * <li>for the followed one: {@code canceled} is {@link SubscriptionCanceledEvent} and
 * final; {@code unpaid} (Stripe's retries ran out, which takes longer than the 7-day
 * past-due grace) is {@link SubscriptionExpiredEvent}; any other change of plan, price,
 * status or period end is {@link SubscriptionChangedEvent}; a cancellation set or moved
 * is {@link SubscriptionCancellationScheduledEvent}, one taken back
 * {@link SubscriptionCancellationWithdrawnEvent};</li>
 * <li>a report observed before the last one applied to the followed subscription (two
 * instances fetched it at once) is ignored.</li>
 * </ul>
 * The same report twice records nothing. Invoices are recorded once per invoice (paid:
 * {@link SubscriptionRenewedEvent}, for the first invoice too) and once per invoice and
 * attempt (failed: {@link SubscriptionPaymentFailedEvent}), and only for the followed
 * subscription.
 * <p>
 * When Stripe created the followed subscription travels as the {@value #STRIPE_CREATED}
 * meta-data of {@link SubscriptionActivatedEvent} (the event's revision 1 has no field
 * for it).
 */
@Aggregate
class Subscription {

	/**
	 * Meta-data of {@link SubscriptionActivatedEvent}: ISO instant of Stripe's created.
	 */
	static final String STRIPE_CREATED = "stripeSubscriptionCreated";

	/** Statuses of a subscription that exists at Stripe and has not ended. */
	static final Set<SubscriptionStatus> LIVE = EnumSet.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.TRIALING,
			SubscriptionStatus.PAST_DUE, SubscriptionStatus.UNPAID, SubscriptionStatus.PAUSED);

	/** Statuses that lapse a subscription unpaid. */
	private static final Set<SubscriptionStatus> LAPSED = EnumSet.of(SubscriptionStatus.INCOMPLETE_EXPIRED,
			SubscriptionStatus.UNPAID);

	@AggregateIdentifier
	private SubscriptionId subscriptionId;

	private UserId owner;

	private final Set<String> openCheckouts = new HashSet<>();

	private String followed;

	private Instant followedCreated;

	private Plan plan = Plan.FREE;

	private String priceId;

	private SubscriptionStatus status = SubscriptionStatus.NONE;

	private Instant currentPeriodEnd;

	private boolean cancellationScheduled;

	private Instant cancelAt;

	private Instant lastObservedAt;

	private final Set<String> lapsedUnfollowed = new HashSet<>();

	private final Set<String> paidInvoices = new HashSet<>();

	private final Set<String> failedAttempts = new HashSet<>();

	Subscription() {
		// required by Axon
	}

	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	void handle(StartCheckoutCommand command) {
		requireOwner(command.userId());
		if (!command.plan().paid()) {
			throw new SubscriptionRejected(SubscriptionError.PLAN_NOT_PURCHASABLE);
		}
		if (live()) {
			throw new SubscriptionRejected(SubscriptionError.SUBSCRIPTION_ALREADY_ACTIVE);
		}
		if (this.openCheckouts.contains(command.checkoutSessionId())) {
			return;
		}
		apply(new SubscriptionCheckoutStartedEvent(command.subscriptionId(), command.userId(), command.plan(),
				command.stripePriceId(), command.stripeCustomerId(), command.checkoutSessionId(), command.startedAt()));
	}

	/** Answers whether anything was recorded. */
	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	boolean handle(SyncSubscriptionCommand command) {
		requireOwner(command.userId());
		StripeSubscriptionState stripe = command.stripe();
		if (stripe.stripeSubscriptionId().equals(this.followed)) {
			if (this.lastObservedAt != null && stripe.observedAt().isBefore(this.lastObservedAt)) {
				return false;
			}
			return syncFollowed(stripe);
		}
		if (this.followed != null && this.followedCreated != null && !stripe.created().isAfter(this.followedCreated)) {
			return false;
		}
		if (LIVE.contains(stripe.status())) {
			apply(new SubscriptionActivatedEvent(command.subscriptionId(), command.userId(), stripe.plan(),
					stripe.stripeSubscriptionId(), stripe.stripeCustomerId(), stripe.stripePriceId(), stripe.status(),
					stripe.currentPeriodEnd(), stripe.cancellationScheduled(), stripe.observedAt()),
					MetaData.with(STRIPE_CREATED, stripe.created().toString()));
			syncCancellation(stripe);
			return true;
		}
		if (stripe.status() == SubscriptionStatus.INCOMPLETE_EXPIRED && !live()
				&& !this.lapsedUnfollowed.contains(stripe.stripeSubscriptionId())) {
			apply(new SubscriptionExpiredEvent(command.subscriptionId(), command.userId(),
					stripe.stripeSubscriptionId(), stripe.status(), stripe.observedAt()));
			return true;
		}
		return false;
	}

	/** Answers whether anything was recorded. */
	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	boolean handle(RecordInvoicePaidCommand command) {
		requireOwner(command.userId());
		if (!command.stripeSubscriptionId().equals(this.followed)
				|| this.paidInvoices.contains(command.stripeInvoiceId())) {
			return false;
		}
		apply(new SubscriptionRenewedEvent(this.subscriptionId, this.owner, command.stripeSubscriptionId(),
				command.stripeInvoiceId(), command.billingReason(), command.amountPaid(), command.currency(),
				command.periodEnd(), command.paidAt()));
		return true;
	}

	/** Answers whether anything was recorded. */
	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	boolean handle(RecordInvoicePaymentFailedCommand command) {
		requireOwner(command.userId());
		if (!command.stripeSubscriptionId().equals(this.followed)
				|| this.failedAttempts.contains(attemptKey(command.stripeInvoiceId(), command.attemptCount()))) {
			return false;
		}
		apply(new SubscriptionPaymentFailedEvent(this.subscriptionId, this.owner, command.stripeSubscriptionId(),
				command.stripeInvoiceId(), command.amountDue(), command.currency(), command.attemptCount(),
				command.nextAttemptAt(), command.failedAt()));
		return true;
	}

	/** Answers whether anything was recorded. */
	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	boolean handle(RecordCheckoutExpiredCommand command) {
		requireOwner(command.userId());
		if (!this.openCheckouts.contains(command.checkoutSessionId()) || live()) {
			return false;
		}
		apply(new SubscriptionExpiredEvent(command.subscriptionId(), command.userId(), null,
				SubscriptionStatus.INCOMPLETE_EXPIRED, command.expiredAt()));
		return true;
	}

	/**
	 * Whether a new checkout is refused: a subscription of the user's is live (for the
	 * controller's check before it asks Stripe for a session).
	 */
	boolean blocksCheckout() {
		return live();
	}

	@EventSourcingHandler
	void on(SubscriptionCheckoutStartedEvent event) {
		this.subscriptionId = event.subscriptionId();
		this.owner = event.userId();
		this.openCheckouts.add(event.checkoutSessionId());
	}

	@EventSourcingHandler
	void on(SubscriptionActivatedEvent event, @MetaDataValue(STRIPE_CREATED) String stripeCreated) {
		this.subscriptionId = event.subscriptionId();
		this.owner = event.userId();
		this.followed = event.stripeSubscriptionId();
		this.followedCreated = (stripeCreated != null) ? Instant.parse(stripeCreated) : null;
		this.plan = event.plan();
		this.priceId = event.stripePriceId();
		this.status = event.status();
		this.currentPeriodEnd = event.currentPeriodEnd();
		this.cancellationScheduled = event.cancelAtPeriodEnd();
		this.cancelAt = event.cancelAtPeriodEnd() ? event.currentPeriodEnd() : null;
		this.lastObservedAt = event.activatedAt();
		this.openCheckouts.clear();
	}

	@EventSourcingHandler
	void on(SubscriptionChangedEvent event) {
		this.plan = event.plan();
		this.priceId = event.stripePriceId();
		this.status = event.status();
		this.currentPeriodEnd = event.currentPeriodEnd();
		this.lastObservedAt = event.changedAt();
	}

	@EventSourcingHandler
	void on(SubscriptionCancellationScheduledEvent event) {
		this.cancellationScheduled = true;
		this.cancelAt = event.cancelAt();
		this.lastObservedAt = event.scheduledAt();
	}

	@EventSourcingHandler
	void on(SubscriptionCancellationWithdrawnEvent event) {
		this.cancellationScheduled = false;
		this.cancelAt = null;
		this.lastObservedAt = event.withdrawnAt();
	}

	@EventSourcingHandler
	void on(SubscriptionCanceledEvent event) {
		this.status = SubscriptionStatus.CANCELED;
		this.cancellationScheduled = false;
		this.cancelAt = null;
		this.lastObservedAt = event.canceledAt();
	}

	@EventSourcingHandler
	void on(SubscriptionExpiredEvent event) {
		this.subscriptionId = event.subscriptionId();
		this.owner = event.userId();
		if (event.stripeSubscriptionId() == null) {
			this.openCheckouts.clear();
		}
		else if (event.stripeSubscriptionId().equals(this.followed)) {
			this.status = event.status();
			this.lastObservedAt = event.expiredAt();
		}
		else {
			this.lapsedUnfollowed.add(event.stripeSubscriptionId());
		}
	}

	@EventSourcingHandler
	void on(SubscriptionRenewedEvent event) {
		this.paidInvoices.add(event.stripeInvoiceId());
	}

	@EventSourcingHandler
	void on(SubscriptionPaymentFailedEvent event) {
		this.failedAttempts.add(attemptKey(event.stripeInvoiceId(), event.attemptCount()));
	}

	private boolean syncFollowed(StripeSubscriptionState stripe) {
		if (this.status == SubscriptionStatus.CANCELED) {
			return false;
		}
		if (stripe.status() == SubscriptionStatus.CANCELED) {
			Instant endedAt = (stripe.endedAt() != null) ? stripe.endedAt() : stripe.observedAt();
			apply(new SubscriptionCanceledEvent(this.subscriptionId, this.owner, this.followed, endedAt,
					stripe.observedAt()));
			return true;
		}
		boolean recorded = false;
		if (LAPSED.contains(stripe.status()) && this.status != stripe.status()) {
			apply(new SubscriptionExpiredEvent(this.subscriptionId, this.owner, this.followed, stripe.status(),
					stripe.observedAt()));
			recorded = true;
		}
		if (this.plan != stripe.plan() || !Objects.equals(this.priceId, stripe.stripePriceId())
				|| this.status != stripe.status()
				|| !Objects.equals(this.currentPeriodEnd, stripe.currentPeriodEnd())) {
			apply(new SubscriptionChangedEvent(this.subscriptionId, this.owner, this.followed, stripe.plan(),
					stripe.stripePriceId(), stripe.status(), stripe.currentPeriodEnd(), stripe.observedAt()));
			recorded = true;
		}
		return syncCancellation(stripe) || recorded;
	}

	private boolean syncCancellation(StripeSubscriptionState stripe) {
		if (stripe.cancellationScheduled()) {
			if (this.cancellationScheduled && Objects.equals(this.cancelAt, stripe.scheduledEnd())) {
				return false;
			}
			apply(new SubscriptionCancellationScheduledEvent(this.subscriptionId, this.owner, this.followed,
					stripe.scheduledEnd(), stripe.observedAt()));
			return true;
		}
		if (!this.cancellationScheduled) {
			return false;
		}
		apply(new SubscriptionCancellationWithdrawnEvent(this.subscriptionId, this.owner, this.followed,
				stripe.observedAt()));
		return true;
	}

	private boolean live() {
		return this.followed != null && LIVE.contains(this.status);
	}

	private void requireOwner(UserId userId) {
		if (this.owner != null && !this.owner.equals(userId)) {
			throw new SubscriptionRejected(SubscriptionError.NOT_THE_OWNER);
		}
	}

	private static String attemptKey(String invoiceId, int attemptCount) {
		return invoiceId + "#" + attemptCount;
	}

}
