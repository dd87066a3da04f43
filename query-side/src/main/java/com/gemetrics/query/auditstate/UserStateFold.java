package com.gemetrics.query.auditstate;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.gemetrics.api.auditstate.UserStateView;
import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import com.gemetrics.api.subscription.SubscriptionEvent;
import com.gemetrics.api.subscription.SubscriptionState;
import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertDeliveryFailedEvent;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertRuleResumedEvent;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * Folds one user's events, oldest first, into their flips, watchlist and subscription.
 * Pure: no I/O, no clock. Only the user's own events count (an event whose payload names
 * another user is ignored, whatever the caller passed).
 * <p>
 * Each aggregate's events must arrive as an unbroken run of sequence numbers from 0: the
 * first one missing (an event stored after the instant, though a later one of the same
 * aggregate carries an earlier timestamp, which only clock skew between instances could
 * cause) ends that aggregate's history, so the state is always one the aggregate really
 * passed through.
 */
final class UserStateFold {

	/** Newest buy first, then by id descending: the journal's order. */
	private static final Comparator<FlipLedger> NEWEST_BUY_FIRST = Comparator.comparing(FlipLedger::boughtAt)
		.thenComparing((FlipLedger flip) -> flip.flipId().toString())
		.reversed();

	private final UUID userId;

	private final Map<UUID, FlipLedger> flips = new LinkedHashMap<>();

	private final WatchlistLedger watchlist = new WatchlistLedger();

	private SubscriptionState subscription = SubscriptionState.NONE;

	private final Map<String, Long> nextSequence = new HashMap<>();

	private long events;

	private Long lastGlobalIndex;

	UserStateFold(UUID userId) {
		this.userId = userId;
	}

	/** Applies the next event (in the event store's global order). */
	void apply(TrackedEventMessage<?> message) {
		if (!(message instanceof DomainEventMessage<?> domain) || !inSequence(domain)) {
			return;
		}
		Object payload = message.getPayload();
		if (payload != null && applyPayload(payload)) {
			this.events++;
			if (message.trackingToken() instanceof GlobalSequenceTrackingToken token) {
				this.lastGlobalIndex = token.getGlobalIndex();
			}
		}
	}

	/** The item ids of the flips there are now (for their names). */
	Set<Integer> itemIds() {
		return this.flips.values().stream().map(FlipLedger::itemId).collect(Collectors.toSet());
	}

	UserStateView view(Instant asOf, Instant registeredAt, Map<Integer, String> itemNames, int recentAlerts) {
		return new UserStateView(this.userId.toString(), asOf, registeredAt, this.events, this.lastGlobalIndex,
				this.flips.values()
					.stream()
					.sorted(NEWEST_BUY_FIRST)
					.map((flip) -> flip.view(itemNames.get(flip.itemId())))
					.toList(),
				this.watchlist.view(recentAlerts), this.subscription.view(asOf));
	}

	private boolean applyPayload(Object payload) {
		if (payload instanceof SubscriptionEvent event) {
			if (!mine(event.userId().value())) {
				return false;
			}
			this.subscription = this.subscription.on(event);
			return true;
		}
		return applyFlip(payload) || applyWatchlist(payload);
	}

	private boolean applyFlip(Object payload) {
		if (payload instanceof FlipOpenedEvent event && mine(event.userId().value())) {
			this.flips.putIfAbsent(event.flipId().value(), FlipLedger.opened(event));
			return true;
		}
		if (payload instanceof FlipSaleRecordedEvent event && mine(event.userId().value())) {
			return flip(event.flipId().value(), (flip) -> flip.on(event));
		}
		if (payload instanceof FlipSaleCorrectedEvent event && mine(event.userId().value())) {
			return flip(event.flipId().value(), (flip) -> flip.on(event));
		}
		if (payload instanceof FlipBuyCorrectedEvent event && mine(event.userId().value())) {
			return flip(event.flipId().value(), (flip) -> flip.on(event));
		}
		if (payload instanceof FlipWrittenOffEvent event && mine(event.userId().value())) {
			return flip(event.flipId().value(), (flip) -> flip.on(event));
		}
		if (payload instanceof FlipDeletedEvent event && mine(event.userId().value())) {
			return this.flips.remove(event.flipId().value()) != null;
		}
		return false;
	}

	private boolean applyWatchlist(Object payload) {
		if (payload instanceof ItemWatchedEvent event && mine(event.userId().value())) {
			this.watchlist.on(event);
		}
		else if (payload instanceof ItemUnwatchedEvent event && mine(event.userId().value())) {
			this.watchlist.on(event);
		}
		else if (payload instanceof AlertRulePausedEvent event && mine(event.userId().value())) {
			this.watchlist.on(event);
		}
		else if (payload instanceof AlertRuleResumedEvent event && mine(event.userId().value())) {
			this.watchlist.on(event);
		}
		else if (payload instanceof AlertTriggeredEvent event && mine(event.userId().value())) {
			this.watchlist.on(event);
		}
		else if (payload instanceof AlertDeliveredEvent event && mine(event.userId().value())) {
			this.watchlist.on(event);
		}
		else if (payload instanceof AlertDeliveryFailedEvent event && mine(event.userId().value())) {
			this.watchlist.on(event);
		}
		else {
			return false;
		}
		return true;
	}

	private boolean flip(UUID flipId, Consumer<FlipLedger> change) {
		FlipLedger flip = this.flips.get(flipId);
		if (flip == null) {
			return false;
		}
		change.accept(flip);
		return true;
	}

	private boolean mine(UUID eventUserId) {
		return this.userId.equals(eventUserId);
	}

	/** Whether this is the next event of its aggregate; a gap ends the aggregate. */
	private boolean inSequence(DomainEventMessage<?> message) {
		String aggregate = message.getAggregateIdentifier();
		long expected = this.nextSequence.getOrDefault(aggregate, 0L);
		if (expected < 0 || message.getSequenceNumber() != expected) {
			this.nextSequence.put(aggregate, -1L);
			return false;
		}
		this.nextSequence.put(aggregate, expected + 1);
		return true;
	}

}
