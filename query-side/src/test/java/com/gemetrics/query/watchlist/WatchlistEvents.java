package com.gemetrics.query.watchlist;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertDeliveryFailedEvent;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertRulePausedEvent;
import com.gemetrics.api.watchlist.AlertRuleResumedEvent;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;
import com.gemetrics.api.watchlist.WatchlistId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes one user's watchlist events as the watchlist aggregate would: in order, with
 * sequence numbers from 0, through the event store (so the tracking processor reads them
 * from PostgreSQL).
 */
final class WatchlistEvents {

	static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

	static final int WHIP = 4151;

	static final int LOBSTER = 379;

	final UserId user = new UserId(UUID.randomUUID());

	final WatchlistId watchlist = new WatchlistId(this.user);

	private final EventStore store;

	private long sequence = -1;

	WatchlistEvents(EventStore store) {
		this.store = store;
	}

	/** The sequence number of the last event written, -1 before the first. */
	long sequence() {
		return this.sequence;
	}

	DomainEventMessage<?> message(long sequenceNumber, Object payload) {
		return new GenericDomainEventMessage<>("Watchlist", this.watchlist.toString(), sequenceNumber, payload);
	}

	WatchlistEvents publish(Object payload) {
		this.sequence++;
		this.store.publish(message(this.sequence, payload));
		return this;
	}

	WatchlistEvents watch(int itemId, AlertRule... rules) {
		return publish(new ItemWatchedEvent(this.watchlist, this.user, itemId, List.of(rules), at()));
	}

	WatchlistEvents unwatch(int itemId) {
		return publish(new ItemUnwatchedEvent(this.watchlist, this.user, itemId, at()));
	}

	WatchlistEvents pause(int itemId, String ruleId) {
		return publish(new AlertRulePausedEvent(this.watchlist, this.user, itemId, ruleId, at()));
	}

	WatchlistEvents resume(int itemId, String ruleId) {
		return publish(new AlertRuleResumedEvent(this.watchlist, this.user, itemId, ruleId, at()));
	}

	WatchlistEvents trigger(String alertId, String ruleId, int itemId, AlertType type, long threshold, long observed) {
		return publish(new AlertTriggeredEvent(this.watchlist, this.user, alertId, ruleId, itemId, type, threshold,
				observed, at().minusSeconds(1), at()));
	}

	WatchlistEvents delivered(String alertId, DeliveryChannel channel) {
		return publish(new AlertDeliveredEvent(this.watchlist, this.user, alertId, channel, 1, at()));
	}

	WatchlistEvents failed(String alertId, DeliveryChannel channel, String reason) {
		return publish(new AlertDeliveryFailedEvent(this.watchlist, this.user, alertId, channel, 3, reason, at()));
	}

	/** The time of the next event: one minute per event after {@link #T0}. */
	Instant at() {
		return T0.plusSeconds(60 * (this.sequence + 1));
	}

	static AlertRule rule(String ruleId, AlertType type, long value, boolean active) {
		return new AlertRule(ruleId, type, value, active);
	}

	/** Puts the items view's figures for the whip and the lobster in place. */
	static void priceItems(JdbcTemplate jdbc) {
		jdbc.update("""
				INSERT INTO read.item_summary (item_id, name, high, low, margin, updated_at)
				VALUES (4151, 'Abyssal whip', 1716616, 1700000, -550, now()), (379, 'Lobster', 203, 197, 2, now())
				ON CONFLICT (item_id) DO NOTHING
				""");
	}

}
