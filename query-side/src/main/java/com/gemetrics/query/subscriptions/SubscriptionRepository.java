package com.gemetrics.query.subscriptions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.SubscriptionStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code read.subscriptions} through plain JDBC. {@code updated_at} is the database's
 * clock when the row is written (not the event's time), so the entitlement caches that
 * poll for changed rows see an event applied late too.
 */
@Repository
class SubscriptionRepository {

	private static final String COLUMNS = """
			user_id, subscription_id, plan, status, stripe_subscription_id, stripe_customer_id, current_period_end,
			cancel_at_period_end, past_due_since, updated_at, last_sequence
			""";

	private final JdbcTemplate jdbc;

	SubscriptionRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<SubscriptionRow> find(UUID userId) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM read.subscriptions WHERE user_id = ?", this::map, userId)
			.stream()
			.findFirst();
	}

	void save(SubscriptionRow row) {
		this.jdbc.update(
				"""
						INSERT INTO read.subscriptions (user_id, subscription_id, plan, status, stripe_subscription_id,
							stripe_customer_id, current_period_end, cancel_at_period_end, past_due_since, updated_at, last_sequence)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp(), ?)
						ON CONFLICT (user_id) DO UPDATE SET subscription_id = EXCLUDED.subscription_id, plan = EXCLUDED.plan,
							status = EXCLUDED.status, stripe_subscription_id = EXCLUDED.stripe_subscription_id,
							stripe_customer_id = EXCLUDED.stripe_customer_id, current_period_end = EXCLUDED.current_period_end,
							cancel_at_period_end = EXCLUDED.cancel_at_period_end, past_due_since = EXCLUDED.past_due_since,
							updated_at = EXCLUDED.updated_at, last_sequence = EXCLUDED.last_sequence
						""",
				row.userId(), row.subscriptionId(), row.plan().name(), row.status().wire(), row.stripeSubscriptionId(),
				row.stripeCustomerId(), timestamp(row.currentPeriodEnd()), row.cancelAtPeriodEnd(),
				timestamp(row.pastDueSince()), row.lastSequence());
	}

	void deleteAll() {
		this.jdbc.update("DELETE FROM read.subscriptions");
	}

	/**
	 * Up to {@code limit} rows after user id {@code after} (null: from the first), by
	 * user id, only those in {@code status} when it is given.
	 */
	List<SubscriptionRow> page(SubscriptionStatus status, UUID after, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM read.subscriptions WHERE TRUE");
		List<Object> arguments = new ArrayList<>();
		if (status != null) {
			sql.append(" AND status = ?");
			arguments.add(status.wire());
		}
		if (after != null) {
			sql.append(" AND user_id > ?");
			arguments.add(after);
		}
		sql.append(" ORDER BY user_id LIMIT ?");
		arguments.add(limit);
		return this.jdbc.query(sql.toString(), this::map, arguments.toArray());
	}

	private SubscriptionRow map(ResultSet rs, int row) throws SQLException {
		return new SubscriptionRow(rs.getObject("user_id", UUID.class), rs.getString("subscription_id"),
				Plan.valueOf(rs.getString("plan")),
				SubscriptionStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
				rs.getString("stripe_subscription_id"), rs.getString("stripe_customer_id"),
				instant(rs, "current_period_end"), rs.getBoolean("cancel_at_period_end"), instant(rs, "past_due_since"),
				instant(rs, "updated_at"), rs.getLong("last_sequence"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
