package com.gemetrics.query.subscriptions;

import java.util.function.UnaryOperator;

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
import com.gemetrics.api.user.UserId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;

import org.springframework.stereotype.Component;

/**
 * The subscriptions read model: one row per user in {@code read.subscriptions}, for
 * {@code GET /api/v1/me/subscription}, the admins' list, and the entitlement caches of
 * both apps. Tracking processor, the events of one subscription in order
 * ({@link SubscriptionSequencingPolicy}), a dead-letter queue (ADR 0016).
 * <p>
 * Idempotent on the subscription's sequence number: an event whose number is not above
 * the row's {@code last_sequence} (for the same subscription) was applied already and is
 * skipped. What each event does to the row is {@link SubscriptionRow}'s.
 */
@Component
@ProcessingGroup(SubscriptionProjection.GROUP)
class SubscriptionProjection {

	static final String GROUP = "subscriptions";

	private final SubscriptionRepository repository;

	SubscriptionProjection(SubscriptionRepository repository) {
		this.repository = repository;
	}

	@EventHandler
	void on(SubscriptionCheckoutStartedEvent event, EventMessage<?> message) {
		apply(event.subscriptionId(), event.userId(), message, (row) -> row.on(event));
	}

	@EventHandler
	void on(SubscriptionActivatedEvent event, EventMessage<?> message) {
		apply(event.subscriptionId(), event.userId(), message, (row) -> row.on(event));
	}

	@EventHandler
	void on(SubscriptionChangedEvent event, EventMessage<?> message) {
		apply(event.subscriptionId(), event.userId(), message, (row) -> row.on(event));
	}

	@EventHandler
	void on(SubscriptionRenewedEvent event, EventMessage<?> message) {
		apply(event.subscriptionId(), event.userId(), message, (row) -> row.on(event));
	}

	@EventHandler
	void on(SubscriptionPaymentFailedEvent event, EventMessage<?> message) {
		apply(event.subscriptionId(), event.userId(), message, (row) -> row.on(event));
	}

	@EventHandler
	void on(SubscriptionCancellationScheduledEvent event, EventMessage<?> message) {
		apply(event.subscriptionId(), event.userId(), message, (row) -> row.on(event));
	}

	@EventHandler
	void on(SubscriptionCancellationWithdrawnEvent event, EventMessage<?> message) {
		apply(event.subscriptionId(), event.userId(), message, (row) -> row.on(event));
	}

	@EventHandler
	void on(SubscriptionCanceledEvent event, EventMessage<?> message) {
		apply(event.subscriptionId(), event.userId(), message, (row) -> row.on(event));
	}

	@EventHandler
	void on(SubscriptionExpiredEvent event, EventMessage<?> message) {
		apply(event.subscriptionId(), event.userId(), message, (row) -> row.on(event));
	}

	@ResetHandler
	void reset() {
		this.repository.deleteAll();
	}

	private void apply(SubscriptionId subscriptionId, UserId userId, EventMessage<?> message,
			UnaryOperator<SubscriptionRow> change) {
		String id = subscriptionId.toString();
		SubscriptionRow current = this.repository.find(userId.value()).orElse(null);
		long sequence;
		if (message instanceof DomainEventMessage<?> domain && id.equals(domain.getAggregateIdentifier())) {
			sequence = domain.getSequenceNumber();
			if (current != null && current.hasApplied(id, sequence)) {
				return;
			}
		}
		else {
			// not from the aggregate itself: nothing to order it by, applied as it comes
			sequence = (current != null && current.subscriptionId().equals(id)) ? current.lastSequence() : -1;
		}
		SubscriptionRow base = (current != null) ? current : SubscriptionRow.none(userId.value(), id);
		this.repository.save(change.apply(base).applied(id, sequence));
	}

}
