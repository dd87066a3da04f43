package com.gemetrics.query;

import java.time.Duration;
import java.util.UUID;

import com.gemetrics.platform.subscription.EntitlementLookup;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Gives test users a plan as the subscriptions projection would: a row of
 * {@code read.subscriptions}, then waits until the app's {@link EntitlementLookup} has
 * read it (it looks every 500 ms). For tests of what a plan allows elsewhere; the
 * projection's own tests go through the events.
 */
public final class Subscribers {

	private Subscribers() {
	}

	/** Makes the user a premium subscriber (monthly, active). */
	public static void premium(JdbcTemplate jdbc, EntitlementLookup lookup, UUID userId) {
		jdbc.update("""
				INSERT INTO read.subscriptions (user_id, subscription_id, plan, status, stripe_subscription_id,
					stripe_customer_id, updated_at, last_sequence)
				VALUES (?, ?, 'PREMIUM_MONTHLY', 'active', 'sub_test', 'cus_test', clock_timestamp(), 0)
				ON CONFLICT (user_id) DO UPDATE SET plan = EXCLUDED.plan, status = EXCLUDED.status,
					updated_at = EXCLUDED.updated_at
				""", userId, "subscription-" + UUID.randomUUID());
		await().atMost(Duration.ofSeconds(10)).until(() -> lookup.forUser(userId).premium());
	}

}
