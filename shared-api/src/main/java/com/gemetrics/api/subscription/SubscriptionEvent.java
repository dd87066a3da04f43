package com.gemetrics.api.subscription;

import com.gemetrics.api.user.UserId;

/**
 * What every event of a {@code Subscription} carries first: the subscription and its
 * user. Lets a processor sequence or route them without knowing each type (the accessors
 * are the records' own, so the stored JSON is unchanged).
 */
public sealed interface SubscriptionEvent
		permits SubscriptionCheckoutStartedEvent, SubscriptionActivatedEvent, SubscriptionChangedEvent,
		SubscriptionRenewedEvent, SubscriptionPaymentFailedEvent, SubscriptionCancellationScheduledEvent,
		SubscriptionCancellationWithdrawnEvent, SubscriptionCanceledEvent, SubscriptionExpiredEvent {

	SubscriptionId subscriptionId();

	UserId userId();

}
