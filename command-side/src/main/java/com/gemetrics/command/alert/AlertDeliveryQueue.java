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
 * {@link AlertDeliveries} in its event handler's transaction, claimed and sent by
 * {@link AlertDeliverySender}; an outcome is recorded only under the claim that sent it.
 * Also reads what a delivery needs: the owner's verified address ({@code auth.account})
 * and the item's name ({@code market.catalog_item}).
 */
@Repository
class AlertDeliveryQueue {

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

	/**
	 * Claims up to {@code limit} due deliveries for {@code lease} in one short statement
	 * ({@code FOR UPDATE SKIP LOCKED}: instances claim disjoint rows) and counts the
	 * attempt. A claim whose lease ran out (its instance died mid-call) is due again.
	 */
	List<AlertDelivery> claimDue(Instant now, int limit, Instant leaseUntil, UUID claim) {
		return this.jdbc.query("UPDATE alerts.delivery d SET claimed_until = ?, claim_id = ?, "
				+ "attempts = d.attempts + 1 FROM (SELECT id FROM alerts.delivery WHERE delivered_at IS NULL "
				+ "AND dead_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?) "
				+ "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due WHERE d.id = due.id "
				+ "RETURNING d.id, d.alert_id, d.channel, d.watchlist_id, d.user_id, d.rule_id, d.item_id, "
				+ "d.item_name, d.type, d.threshold, d.observed, d.observed_at, d.attempts, d.claim_id",
				AlertDeliveryQueue::map, Timestamp.from(leaseUntil), claim, Timestamp.from(now), Timestamp.from(now),
				limit);
	}

	/** Records the delivery, if this claim still holds it. */
	boolean delivered(AlertDelivery delivery, Instant at) {
		return this.jdbc.update(
				"UPDATE alerts.delivery SET delivered_at = ?, last_error = NULL, claimed_until = NULL, "
						+ "claim_id = NULL WHERE id = ? AND claim_id = ?",
				Timestamp.from(at), delivery.id(), delivery.claim()) == 1;
	}

	/** Records a failed attempt and when to try again, if this claim still holds it. */
	boolean retryLater(AlertDelivery delivery, String error, Instant nextAttemptAt) {
		return this.jdbc.update(
				"UPDATE alerts.delivery SET last_error = ?, next_attempt_at = ?, claimed_until = NULL, "
						+ "claim_id = NULL WHERE id = ? AND claim_id = ?",
				error, Timestamp.from(nextAttemptAt), delivery.id(), delivery.claim()) == 1;
	}

	/**
	 * Gives the delivery up and files it in the dead letters, if this claim still holds
	 * it.
	 */
	boolean deadLetter(AlertDelivery delivery, String reason, Instant at) {
		int updated = this.jdbc.update(
				"UPDATE alerts.delivery SET last_error = ?, dead_at = ?, claimed_until = NULL, "
						+ "claim_id = NULL WHERE id = ? AND claim_id = ?",
				reason, Timestamp.from(at), delivery.id(), delivery.claim());
		if (updated == 0) {
			return false;
		}
		this.jdbc.update(
				"INSERT INTO alerts.dead_letter (delivery_id, alert_id, channel, user_id, attempts, reason, "
						+ "dead_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				delivery.id(), delivery.alertId(), delivery.channel().name(), delivery.userId(), delivery.attempts(),
				reason, Timestamp.from(at));
		return true;
	}

	long pending() {
		Long count = this.jdbc.queryForObject(
				"SELECT count(*) FROM alerts.delivery WHERE delivered_at IS NULL AND dead_at IS NULL", Long.class);
		return (count != null) ? count : 0;
	}

	/** The owner's address, if verified (and not erased). */
	Optional<String> verifiedEmail(UUID userId) {
		return this.jdbc
			.queryForList("SELECT email FROM auth.account WHERE user_id = ? AND email_verified AND email IS NOT NULL",
					String.class, userId)
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
				rs.getLong("observed"), rs.getTimestamp("observed_at").toInstant(), rs.getInt("attempts"),
				rs.getObject("claim_id", UUID.class));
	}

}
