package com.gemetrics.command.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.gemetrics.api.subscription.SubscriptionId;
import com.gemetrics.api.user.UserId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code billing.customers}: each user's Stripe customer and subscription id, written
 * once (the first checkout, or the first Stripe event of a subscription made elsewhere)
 * and never changed.
 */
@Repository
class BillingCustomers {

	private final JdbcTemplate jdbc;

	BillingCustomers(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Customer> byUser(UserId userId) {
		return this.jdbc
			.query("SELECT user_id, stripe_customer_id, subscription_id FROM billing.customers WHERE user_id = ?",
					BillingCustomers::map, userId.value())
			.stream()
			.findFirst();
	}

	Optional<Customer> byStripeCustomer(String stripeCustomerId) {
		return this.jdbc
			.query("SELECT user_id, stripe_customer_id, subscription_id FROM billing.customers "
					+ "WHERE stripe_customer_id = ?", BillingCustomers::map, stripeCustomerId)
			.stream()
			.findFirst();
	}

	/**
	 * Records the user's customer with a new subscription id, unless the user (or the
	 * customer) has one already; answers the row that stands.
	 */
	Optional<Customer> claim(UserId userId, String stripeCustomerId, Instant now) {
		this.jdbc.update(
				"INSERT INTO billing.customers (user_id, stripe_customer_id, subscription_id, created_at) "
						+ "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
				userId.value(), stripeCustomerId, SubscriptionId.random().toString(), Timestamp.from(now));
		return byUser(userId);
	}

	private static Customer map(ResultSet rs, int row) throws SQLException {
		return new Customer(new UserId(rs.getObject("user_id", UUID.class)), rs.getString("stripe_customer_id"),
				SubscriptionId.of(rs.getString("subscription_id")));
	}

	/**
	 * A user's billing identity.
	 *
	 * @param userId the user
	 * @param stripeCustomerId their Stripe customer
	 * @param subscriptionId their subscription aggregate
	 */
	record Customer(UserId userId, String stripeCustomerId, SubscriptionId subscriptionId) {
	}

}
