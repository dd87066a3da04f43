package com.gemetrics.command.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.DeliveryChannel;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code alerts.delivery} and {@code alerts.dead_letter}: alerts to deliver, written by
 * {@link AlertDeliveries} in its event handler's transaction, sent by
 * {@link AlertDeliverySender}. Also reads what a delivery needs: the owner's verified
 * address ({@code auth.account}) and the item's name ({@code market.catalog_item}).
 */
@Repository
class AlertDeliveryQueue {

	private static final String SELECT = "SELECT id, alert_id, channel, watchlist_id, user_id, rule_id, item_id, "
			+ "item_name, type, threshold, observed, observed_at, attempts FROM alerts.delivery ";

	private final JdbcTemplate jdbc;

	AlertDeliveryQueue(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Queues the alert on a channel once: a replayed event adds nothing. */
	void enqueue(AlertTriggeredEvent event, DeliveryChannel channel, String itemName, Instant now) {
		this.jdbc.update("INSERT INTO alerts.delivery (alert_id, channel, watchlist_id, user_id, rule_id, item_id, "
				+ "item_name, type, threshold, observed, observed_at, triggered_at, created_at, next_attempt_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id, channel) DO NOTHING",
				event.alertId(), channel.name(), event.watchlistId().toString(), event.userId().value(), event.ruleId(),
				event.itemId(), itemName, event.type().name(), event.threshold(), event.observed(),
				Timestamp.from(event.observedAt()), Timestamp.from(event.triggeredAt()), Timestamp.from(now),
				Timestamp.from(now));
	}

	/** Locks one due delivery for this transaction; other instances skip it. */
	Optional<AlertDelivery> lockNextDue(Instant now) {
		return this.jdbc
			.query(SELECT + "WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= ? "
					+ "ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED", AlertDeliveryQueue::map,
					Timestamp.from(now))
			.stream()
			.findFirst();
	}

	void delivered(long id, Instant at) {
		this.jdbc.update("UPDATE alerts.delivery SET delivered_at = ?, attempts = attempts + 1, last_error = NULL "
				+ "WHERE id = ?", Timestamp.from(at), id);
	}

	void retryLater(long id, String error, Instant nextAttemptAt) {
		this.jdbc.update("UPDATE alerts.delivery SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
				+ "WHERE id = ?", error, Timestamp.from(nextAttemptAt), id);
	}

	/** Gives the delivery up and files it in the dead letters. */
	void deadLetter(AlertDelivery delivery, int attempts, String reason, Instant at) {
		this.jdbc.update("UPDATE alerts.delivery SET attempts = ?, last_error = ?, dead_at = ? WHERE id = ?", attempts,
				reason, Timestamp.from(at), delivery.id());
		this.jdbc.update(
				"INSERT INTO alerts.dead_letter (delivery_id, alert_id, channel, user_id, attempts, reason, "
						+ "dead_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				delivery.id(), delivery.alertId(), delivery.channel().name(), delivery.userId(), attempts, reason,
				Timestamp.from(at));
	}

	long pending() {
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM alerts.delivery WHERE delivered_at IS NULL AND dead_at IS NULL", Long.class);
		return (count != null) ? count : 0;
	}

	/** The owner's address, if verified. */
	Optional<String> verifiedEmail(UUID userId) {
		return this.jdbc
			.queryForList("SELECT email FROM auth.account WHERE user_id = ? AND email_verified", String.class, userId)
			.stream()
			.findFirst();
	}

	Optional<String> itemName(int itemId) {
		return this.jdbc.queryForList("SELECT name FROM market.catalog_item WHERE item_id = ?", String.class, itemId)
			.stream()
			.findFirst();
	}

	private static AlertDelivery map(ResultSet rs, int row) throws SQLException {
		return new AlertDelivery(rs.getLong("id"), rs.getString("alert_id"),
				DeliveryChannel.valueOf(rs.getString("channel")), rs.getString("watchlist_id"),
				rs.getObject("user_id", UUID.class), rs.getString("rule_id"), rs.getInt("item_id"),
				rs.getString("item_name"), AlertType.valueOf(rs.getString("type")), rs.getLong("threshold"),
				rs.getLong("observed"), rs.getTimestamp("observed_at").toInstant(), rs.getInt("attempts"));
	}

}
