package com.gemetrics.command;

import java.time.Duration;
import java.util.UUID;

import com.gemetrics.platform.subscription.EntitlementLookup;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Gives test users a plan the way the query side's projection would: a row of
 * {@code read.subscriptions} (the command side's login may write schema {@code read}),
 * then waits until the app's {@link EntitlementLookup} has read it (it looks every 500
 * ms).
 */
public final class Subscribers {

	private Subscribers() {
	}

	/** Makes the user a premium subscriber (monthly, active). */
	public static void premium(JdbcTemplate jdbc, EntitlementLookup lookup, String userId) {
		write(jdbc, userId, "PREMIUM_MONTHLY", "active");
		await().atMost(Duration.ofSeconds(10)).until(() -> lookup.forUser(userId).premium());
	}

	/** Ends the user's subscription (canceled: the free plan). */
	public static void canceled(JdbcTemplate jdbc, EntitlementLookup lookup, String userId) {
		write(jdbc, userId, "FREE", "canceled");
		await().atMost(Duration.ofSeconds(10)).until(() -> !lookup.forUser(userId).premium());
	}

	private static void write(JdbcTemplate jdbc, String userId, String plan, String status) {
		jdbc.update("""
				INSERT INTO read.subscriptions (user_id, subscription_id, plan, status, stripe_subscription_id,
					stripe_customer_id, updated_at, last_sequence)
				VALUES (?, ?, ?, ?, 'sub_test', 'cus_test', clock_timestamp(), 0)
				ON CONFLICT (user_id) DO UPDATE SET plan = EXCLUDED.plan, status = EXCLUDED.status,
					updated_at = EXCLUDED.updated_at, last_sequence = read.subscriptions.last_sequence + 1
				""", UUID.fromString(userId), "subscription-" + UUID.randomUUID(), plan, status);
	}

}
