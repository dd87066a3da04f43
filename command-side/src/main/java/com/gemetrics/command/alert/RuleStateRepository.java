package com.gemetrics.command.alert;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertType;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code alerts.rule_state}: the alert policy's memory of each rule. */
@Repository
class RuleStateRepository {

	private final JdbcTemplate jdbc;

	RuleStateRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The item's rules from now on: the old ones go, the new ones start armed. */
	void replaceItemRules(String watchlistId, UUID userId, int itemId, List<AlertRule> rules) {
		removeItem(watchlistId, itemId);
		this.jdbc.batchUpdate(
				"INSERT INTO alerts.rule_state (watchlist_id, rule_id, user_id, item_id, type, threshold, active, armed) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, TRUE)",
				rules, rules.size(), (ps, rule) -> {
					ps.setString(1, watchlistId);
					ps.setString(2, rule.ruleId());
					ps.setObject(3, userId);
					ps.setInt(4, itemId);
					ps.setString(5, rule.type().name());
					ps.setLong(6, rule.value());
					ps.setBoolean(7, rule.active());
				});
	}

	void removeItem(String watchlistId, int itemId) {
		this.jdbc.update("DELETE FROM alerts.rule_state WHERE watchlist_id = ? AND item_id = ?", watchlistId, itemId);
	}

	void pause(String watchlistId, String ruleId) {
		this.jdbc.update("UPDATE alerts.rule_state SET active = FALSE WHERE watchlist_id = ? AND rule_id = ?",
				watchlistId, ruleId);
	}

	/** A resumed rule starts armed: it fires on the next observation that meets it. */
	void resume(String watchlistId, String ruleId) {
		this.jdbc.update(
				"UPDATE alerts.rule_state SET active = TRUE, armed = TRUE WHERE watchlist_id = ? AND rule_id = ?",
				watchlistId, ruleId);
	}

	/** The active rules on any of these items, in one query. */
	List<RuleState> activeRulesFor(Collection<Integer> itemIds) {
		if (itemIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.query("SELECT watchlist_id, rule_id, user_id, item_id, type, threshold, armed, last_fired_observed_at "
					+ "FROM alerts.rule_state WHERE active AND item_id = ANY (?)", (ps) -> {
						Array ids = ps.getConnection().createArrayOf("integer", itemIds.toArray());
						ps.setArray(1, ids);
					}, RuleStateRepository::map);
	}

	void markFired(Collection<RuleState> rules, Instant observedAt, Instant firedAt) {
		this.jdbc.batchUpdate("UPDATE alerts.rule_state SET armed = FALSE, last_fired_observed_at = ?, "
				+ "last_fired_at = ? WHERE watchlist_id = ? AND rule_id = ?", rules, 500, (ps, rule) -> {
					ps.setTimestamp(1, Timestamp.from(observedAt));
					ps.setTimestamp(2, Timestamp.from(firedAt));
					ps.setString(3, rule.watchlistId());
					ps.setString(4, rule.ruleId());
				});
	}

	void rearm(Collection<RuleState> rules) {
		this.jdbc.batchUpdate("UPDATE alerts.rule_state SET armed = TRUE WHERE watchlist_id = ? AND rule_id = ?", rules,
				500, (ps, rule) -> {
					ps.setString(1, rule.watchlistId());
					ps.setString(2, rule.ruleId());
				});
	}

	void clear() {
		this.jdbc.update("DELETE FROM alerts.rule_state");
	}

	private static RuleState map(ResultSet rs, int row) throws SQLException {
		Timestamp lastFired = rs.getTimestamp("last_fired_observed_at");
		return new RuleState(rs.getString("watchlist_id"), rs.getString("rule_id"), rs.getObject("user_id", UUID.class),
				rs.getInt("item_id"), AlertType.valueOf(rs.getString("type")), rs.getLong("threshold"),
				rs.getBoolean("armed"), (lastFired != null) ? lastFired.toInstant() : null);
	}

}
