package com.gemetrics.query.watchlist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertDeliveryFailedEvent;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertRuleView;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.AlertView;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.api.watchlist.DeliveryView;
import com.gemetrics.api.watchlist.WatchedItemView;
import com.gemetrics.api.watchlist.WatchlistView;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code read.watchlists}, {@code read.watchlist_items}, {@code read.alert_rules},
 * {@code read.alert_history} and {@code read.alert_deliveries} through plain JDBC. Every
 * write is an idempotent upsert or delete, so applying an event twice changes nothing.
 */
@Repository
class WatchlistRepository {

	private final JdbcTemplate jdbc;

	WatchlistRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The sequence number of the last applied event of the user's watchlist, or -1. */
	long version(UUID userId) {
		List<Long> versions = this.jdbc.queryForList("SELECT version FROM read.watchlists WHERE user_id = ?",
				Long.class, userId);
		return versions.isEmpty() ? -1 : versions.get(0);
	}

	/**
	 * Records that the watchlist's event with this sequence number is applied.
	 * @return {@code false} if it (or a later one) was applied already: skip the event
	 */
	boolean advance(UUID userId, long sequence, Instant at) {
		return this.jdbc.update("""
				INSERT INTO read.watchlists (user_id, version, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (user_id) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
				WHERE read.watchlists.version < EXCLUDED.version
				""", userId, sequence, Timestamp.from(at)) > 0;
	}

	void watched(UUID userId, int itemId, List<AlertRule> rules, Instant watchedAt) {
		this.jdbc.update("""
				INSERT INTO read.watchlist_items (user_id, item_id, watched_at) VALUES (?, ?, ?)
				ON CONFLICT (user_id, item_id) DO UPDATE SET watched_at = EXCLUDED.watched_at
				""", userId, itemId, Timestamp.from(watchedAt));
		String[] kept = rules.stream().map(AlertRule::ruleId).toArray(String[]::new);
		this.jdbc.update("DELETE FROM read.alert_rules WHERE user_id = ? AND item_id = ? AND rule_id <> ALL (?)",
				(ps) -> {
					ps.setObject(1, userId);
					ps.setInt(2, itemId);
					ps.setArray(3, ps.getConnection().createArrayOf("text", kept));
				});
		for (AlertRule rule : rules) {
			// A rule keeps its id and firing history when its item's rules are replaced.
			this.jdbc.update("""
					INSERT INTO read.alert_rules (user_id, rule_id, item_id, type, value, is_active)
					VALUES (?, ?, ?, ?, ?, ?)
					ON CONFLICT (user_id, rule_id) DO UPDATE SET item_id = EXCLUDED.item_id, type = EXCLUDED.type,
						value = EXCLUDED.value, is_active = EXCLUDED.is_active
					""", userId, rule.ruleId(), itemId, rule.type().name(), rule.value(), rule.active());
		}
	}

	void unwatched(UUID userId, int itemId) {
		this.jdbc.update("DELETE FROM read.alert_rules WHERE user_id = ? AND item_id = ?", userId, itemId);
		this.jdbc.update("DELETE FROM read.watchlist_items WHERE user_id = ? AND item_id = ?", userId, itemId);
	}

	void ruleActive(UUID userId, String ruleId, boolean active) {
		this.jdbc.update("UPDATE read.alert_rules SET is_active = ? WHERE user_id = ? AND rule_id = ?", active, userId,
				ruleId);
	}

	void triggered(AlertTriggeredEvent event) {
		UUID userId = event.userId().value();
		int inserted = this.jdbc.update("""
				INSERT INTO read.alert_history
					(user_id, alert_id, rule_id, item_id, type, threshold, observed, observed_at, triggered_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (user_id, alert_id) DO NOTHING
				""", userId, event.alertId(), event.ruleId(), event.itemId(), event.type().name(), event.threshold(),
				event.observed(), Timestamp.from(event.observedAt()), Timestamp.from(event.triggeredAt()));
		if (inserted > 0) {
			this.jdbc.update("""
					UPDATE read.alert_rules
					SET last_triggered_at = ?, last_observed = ?, triggered_count = triggered_count + 1
					WHERE user_id = ? AND rule_id = ?
					""", Timestamp.from(event.triggeredAt()), event.observed(), userId, event.ruleId());
		}
	}

	void delivered(AlertDeliveredEvent event) {
		delivery(event.userId().value(), event.alertId(), event.channel(), "DELIVERED", event.attempts(), null,
				event.deliveredAt());
	}

	void deliveryFailed(AlertDeliveryFailedEvent event) {
		delivery(event.userId().value(), event.alertId(), event.channel(), "FAILED", event.attempts(), event.reason(),
				event.failedAt());
	}

	private void delivery(UUID userId, String alertId, DeliveryChannel channel, String status, int attempts,
			String reason, Instant at) {
		this.jdbc.update("""
				INSERT INTO read.alert_deliveries (user_id, alert_id, channel, status, attempts, reason, at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (user_id, alert_id, channel) DO UPDATE SET status = EXCLUDED.status,
					attempts = EXCLUDED.attempts, reason = EXCLUDED.reason, at = EXCLUDED.at
				""", userId, alertId, channel.name(), status, attempts, reason, Timestamp.from(at));
	}

	void deleteAll() {
		this.jdbc.update("DELETE FROM read.alert_deliveries");
		this.jdbc.update("DELETE FROM read.alert_history");
		this.jdbc.update("DELETE FROM read.alert_rules");
		this.jdbc.update("DELETE FROM read.watchlist_items");
		this.jdbc.update("DELETE FROM read.watchlists");
	}

	/**
	 * The user's watchlist: watched items with the items view's name, high, low and
	 * margin, their rules, and the latest alerts.
	 */
	WatchlistView find(UUID userId, int recentAlerts) {
		Map<Integer, WatchedItemView> items = new LinkedHashMap<>();
		this.jdbc.query("""
				SELECT w.item_id, w.watched_at, s.name, s.high, s.low, s.margin
				FROM read.watchlist_items w LEFT JOIN read.item_summary s ON s.item_id = w.item_id
				WHERE w.user_id = ? ORDER BY w.item_id
				""", (ResultSet rs) -> {
			int itemId = rs.getInt("item_id");
			items.put(itemId, new WatchedItemView(itemId, rs.getString("name"), nullableLong(rs, "high"),
					nullableLong(rs, "low"), nullableLong(rs, "margin"), instant(rs, "watched_at"), new ArrayList<>()));
		}, userId);
		this.jdbc.query("""
				SELECT item_id, rule_id, type, value, is_active, last_triggered_at, last_observed, triggered_count
				FROM read.alert_rules WHERE user_id = ? ORDER BY item_id, rule_id
				""", (ResultSet rs) -> {
			WatchedItemView item = items.get(rs.getInt("item_id"));
			if (item != null) {
				item.rules()
					.add(new AlertRuleView(rs.getString("rule_id"), AlertType.valueOf(rs.getString("type")),
							rs.getLong("value"), rs.getBoolean("is_active"), instant(rs, "last_triggered_at"),
							nullableLong(rs, "last_observed"), rs.getInt("triggered_count")));
			}
		}, userId);
		List<WatchedItemView> watched = items.values()
			.stream()
			.map((item) -> new WatchedItemView(item.itemId(), item.name(), item.high(), item.low(), item.margin(),
					item.watchedAt(), List.copyOf(item.rules())))
			.toList();
		return new WatchlistView(watched, recentAlerts(userId, recentAlerts));
	}

	private List<AlertView> recentAlerts(UUID userId, int limit) {
		Map<String, AlertView> alerts = new LinkedHashMap<>();
		this.jdbc.query("""
				WITH recent AS (
					SELECT * FROM read.alert_history WHERE user_id = ?
					ORDER BY triggered_at DESC, alert_id DESC LIMIT ?
				)
				SELECT r.alert_id, r.item_id, r.rule_id, r.type, r.threshold, r.observed, r.observed_at, r.triggered_at,
					d.channel, d.status, d.attempts, d.reason, d.at
				FROM recent r LEFT JOIN read.alert_deliveries d ON d.user_id = r.user_id AND d.alert_id = r.alert_id
				ORDER BY r.triggered_at DESC, r.alert_id DESC, d.channel
				""", (ResultSet rs) -> {
			String alertId = rs.getString("alert_id");
			AlertView alert = alerts.get(alertId);
			if (alert == null) {
				alert = alertView(rs, alertId);
				alerts.put(alertId, alert);
			}
			if (rs.getString("channel") != null) {
				alert.deliveries()
					.add(new DeliveryView(DeliveryChannel.valueOf(rs.getString("channel")), rs.getString("status"),
							rs.getInt("attempts"), rs.getString("reason"), instant(rs, "at")));
			}
		}, userId, limit);
		return alerts.values()
			.stream()
			.map((a) -> new AlertView(a.alertId(), a.itemId(), a.ruleId(), a.type(), a.threshold(), a.observed(),
					a.observedAt(), a.triggeredAt(), List.copyOf(a.deliveries())))
			.toList();
	}

	private static AlertView alertView(ResultSet rs, String alertId) throws SQLException {
		return new AlertView(alertId, rs.getInt("item_id"), rs.getString("rule_id"),
				AlertType.valueOf(rs.getString("type")), rs.getLong("threshold"), rs.getLong("observed"),
				instant(rs, "observed_at"), instant(rs, "triggered_at"), new ArrayList<>());
	}

	private static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value == null) ? null : value.toInstant();
	}

}
