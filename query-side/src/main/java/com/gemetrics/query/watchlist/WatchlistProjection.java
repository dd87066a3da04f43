package com.gemetrics.query.watchlist;

import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertDeliveryFailedEvent;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertRuleResumedEvent;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import com.gemetrics.api.watchlist.WatchlistId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;

import org.springframework.stereotype.Component;

/**
 * The watchlist read model: watched items, their alert rules (active or paused) with what
 * fired last, fired alerts and their delivery per channel, for
 * {@code GET /api/v1/watchlist} and for analysts. Tracking processor; the events of one
 * watchlist apply in order ({@link WatchlistSequencingPolicy}).
 * <p>
 * Idempotent on the watchlist's version: an event of the watchlist aggregate whose
 * sequence number is not above {@code read.watchlists.version} was applied already and is
 * skipped; the version it leaves is what read-your-writes waits for. Events from outside
 * the aggregate (e.g. deliveries, if the sender publishes them on its own) are idempotent
 * by their ids.
 */
@Component
@ProcessingGroup(WatchlistProjection.GROUP)
class WatchlistProjection {

	static final String GROUP = "watchlist";

	private final WatchlistRepository repository;

	WatchlistProjection(WatchlistRepository repository) {
		this.repository = repository;
	}

	@EventHandler
	void on(ItemWatchedEvent event, EventMessage<?> message) {
		if (firstTime(event.watchlistId(), message)) {
			this.repository.watched(event.userId().value(), event.itemId(), event.rules(), event.watchedAt());
		}
	}

	@EventHandler
	void on(ItemUnwatchedEvent event, EventMessage<?> message) {
		if (firstTime(event.watchlistId(), message)) {
			this.repository.unwatched(event.userId().value(), event.itemId());
		}
	}

	@EventHandler
	void on(AlertRulePausedEvent event, EventMessage<?> message) {
		if (firstTime(event.watchlistId(), message)) {
			this.repository.ruleActive(event.userId().value(), event.ruleId(), false);
		}
	}

	@EventHandler
	void on(AlertRuleResumedEvent event, EventMessage<?> message) {
		if (firstTime(event.watchlistId(), message)) {
			this.repository.ruleActive(event.userId().value(), event.ruleId(), true);
		}
	}

	@EventHandler
	void on(AlertTriggeredEvent event, EventMessage<?> message) {
		if (firstTime(event.watchlistId(), message)) {
			this.repository.triggered(event);
		}
	}

	@EventHandler
	void on(AlertDeliveredEvent event, EventMessage<?> message) {
		if (firstTime(event.watchlistId(), message)) {
			this.repository.delivered(event);
		}
	}

	@EventHandler
	void on(AlertDeliveryFailedEvent event, EventMessage<?> message) {
		if (firstTime(event.watchlistId(), message)) {
			this.repository.deliveryFailed(event);
		}
	}

	@ResetHandler
	void reset() {
		this.repository.deleteAll();
	}

	/**
	 * Advances the watchlist's version for an event of the watchlist aggregate itself.
	 * @return {@code false} if the event was applied before
	 */
	private boolean firstTime(WatchlistId watchlistId, EventMessage<?> message) {
		if (message instanceof DomainEventMessage<?> domain
				&& watchlistId.toString().equals(domain.getAggregateIdentifier())) {
			return this.repository.advance(watchlistId.userId().value(), domain.getSequenceNumber(),
					message.getTimestamp());
		}
		return true;
	}

}
