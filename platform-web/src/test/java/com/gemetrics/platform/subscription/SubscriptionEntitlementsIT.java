package com.gemetrics.platform.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.api.user.UserId;
import com.gemetrics.devstack.Databases;
import com.gemetrics.platform.protection.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The entitlement cache on the real PostgreSQL ({@code GE_TEST_DATABASE_URL}, default
 * 127.0.0.1), in a fresh database migrated as deployed, read through the apps'
 * least-privilege logins: what it loads at start, how fast it sees a change, the
 * {@code past_due} grace without a refresh, rows committed late, and an unreadable table.
 */
class SubscriptionEntitlementsIT {

	static final String SERVER_URL = env("GE_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/");

	static final String OWNER = env("GE_TEST_DATABASE_USERNAME", "postgres");

	static final String OWNER_PASSWORD = env("GE_TEST_DATABASE_PASSWORD", "");

	static final String COMMAND_LOGIN = "ge_it_command";

	static final String QUERY_LOGIN = "ge_it_query";

	static final EntitlementProperties MANUAL = new EntitlementProperties(Duration.ofHours(1), Duration.ofSeconds(5),
			Duration.ofMinutes(1));

	static String url;

	static JdbcTemplate owner;

	final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final List<SubscriptionEntitlements> started = new ArrayList<>();

	@BeforeAll
	static void database() {
		url = Databases.createFresh(SERVER_URL, OWNER, OWNER_PASSWORD, "ge_it_platform");
		Databases.ensureLoginRole(SERVER_URL, OWNER, OWNER_PASSWORD, COMMAND_LOGIN,
				env("GE_TEST_COMMAND_DATABASE_PASSWORD", COMMAND_LOGIN), "ge_command_app");
		Databases.ensureLoginRole(SERVER_URL, OWNER, OWNER_PASSWORD, QUERY_LOGIN,
				env("GE_TEST_QUERY_DATABASE_PASSWORD", QUERY_LOGIN), "ge_query_app");
		Flyway.configure().dataSource(url, OWNER, OWNER_PASSWORD).locations("classpath:db/migration").load().migrate();
		owner = new JdbcTemplate(new DriverManagerDataSource(url, OWNER, OWNER_PASSWORD));
	}

	@BeforeEach
	@AfterEach
	void emptyTable() {
		this.started.forEach(SubscriptionEntitlements::destroy);
		this.started.clear();
		owner.update("DELETE FROM read.subscriptions");
	}

	@Test
	void loadsEverySubscriptionThatMayGivePremiumAtStartThroughEitherAppsLogin() {
		UUID monthly = write(UUID.randomUUID(), "PREMIUM_MONTHLY", "active", null);
		UUID yearlyTrial = write(UUID.randomUUID(), "PREMIUM_YEARLY", "trialing", null);
		UUID canceled = write(UUID.randomUUID(), "FREE", "canceled", null);
		UUID incomplete = write(UUID.randomUUID(), "PREMIUM_MONTHLY", "incomplete", null);
		UUID unpaid = write(UUID.randomUUID(), "PREMIUM_MONTHLY", "unpaid", null);

		for (String login : List.of(COMMAND_LOGIN, QUERY_LOGIN)) {
			SubscriptionEntitlements lookup = start(login, MANUAL);

			assertThat(lookup.forUser(monthly)).as(login).isEqualTo(Entitlements.PREMIUM);
			assertThat(lookup.forUser(new UserId(yearlyTrial))).isEqualTo(Entitlements.PREMIUM);
			assertThat(lookup.forUser(yearlyTrial.toString())).isEqualTo(Entitlements.PREMIUM);
			assertThat(lookup.forUser(canceled)).isEqualTo(Entitlements.FREE);
			assertThat(lookup.forUser(incomplete)).isEqualTo(Entitlements.FREE);
			assertThat(lookup.forUser(unpaid)).isEqualTo(Entitlements.FREE);
			assertThat(lookup.forUser(UUID.randomUUID())).isEqualTo(Entitlements.FREE);
			assertThat(lookup.forUser((String) null)).isEqualTo(Entitlements.FREE);
			assertThat(lookup.forUser("not-a-user-id")).isEqualTo(Entitlements.FREE);
			assertThat(this.registry.get("ge.entitlements.refresh.failures").counter().count()).isZero();
		}
	}

	@Test
	void aChangeIsInForceWithinASecondOfItsWrite() {
		SubscriptionEntitlements lookup = start(COMMAND_LOGIN,
				new EntitlementProperties(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(1)));
		UUID user = UUID.randomUUID();
		assertThat(lookup.forUser(user)).isEqualTo(Entitlements.FREE);

		long gained = millisUntil(() -> lookup.forUser(user).premium(),
				() -> write(user, "PREMIUM_MONTHLY", "active", null));
		long lost = millisUntil(() -> !lookup.forUser(user).premium(), () -> write(user, "FREE", "canceled", null));
		long regained = millisUntil(() -> lookup.forUser(user).premium(),
				() -> write(user, "PREMIUM_YEARLY", "active", null));

		assertThat(List.of(gained, lost, regained)).allSatisfy((millis) -> assertThat(millis).isLessThan(1_500));
	}

	@Test
	void aPastDueSubscriptionKeepsPremiumForTheGraceWithoutARefresh() {
		Instant since = this.clock.instant().minus(Duration.ofDays(6));
		UUID user = write(UUID.randomUUID(), "PREMIUM_MONTHLY", "past_due", since);
		SubscriptionEntitlements lookup = start(COMMAND_LOGIN, MANUAL);

		assertThat(lookup.forUser(user)).isEqualTo(Entitlements.PREMIUM);
		this.clock.set(since.plus(Entitlements.PAST_DUE_GRACE));
		assertThat(lookup.forUser(user)).isEqualTo(Entitlements.FREE);
	}

	@Test
	void readsRowsCommittedLateWithinTheOverlapAndAnyLaterOneAtTheFullReload() {
		UUID first = write(UUID.randomUUID(), "PREMIUM_MONTHLY", "active", null);
		SubscriptionEntitlements lookup = start(COMMAND_LOGIN, MANUAL);
		assertThat(lookup.forUser(first).premium()).isTrue();

		// written 2 s before the newest row seen, committed only now
		UUID withinOverlap = UUID.randomUUID();
		writeAt(withinOverlap, "PREMIUM_MONTHLY", "active",
				"(SELECT max(updated_at) FROM read.subscriptions) - " + "interval '2 seconds'");
		// written an hour before, committed only now: beyond any overlap
		UUID veryLate = UUID.randomUUID();
		writeAt(veryLate, "PREMIUM_YEARLY", "active", "clock_timestamp() - interval '1 hour'");
		lookup.refresh();

		assertThat(lookup.forUser(withinOverlap).premium()).isTrue();
		assertThat(lookup.forUser(veryLate).premium()).isFalse();

		this.clock.advance(MANUAL.fullReloadInterval());
		lookup.refresh();
		assertThat(lookup.forUser(veryLate).premium()).isTrue();
	}

	@Test
	void aFullReloadDropsRowsAReplayRemoved() {
		UUID user = write(UUID.randomUUID(), "PREMIUM_MONTHLY", "active", null);
		SubscriptionEntitlements lookup = start(COMMAND_LOGIN, MANUAL);
		owner.update("DELETE FROM read.subscriptions");

		lookup.refresh();
		assertThat(lookup.forUser(user).premium()).as("kept until the full reload").isTrue();
		this.clock.advance(MANUAL.fullReloadInterval());
		lookup.refresh();
		assertThat(lookup.forUser(user).premium()).isFalse();
	}

	@Test
	void keepsTheLastKnownSubscriptionsWhileTheTableCannotBeRead() {
		UUID user = write(UUID.randomUUID(), "PREMIUM_MONTHLY", "active", null);
		SubscriptionEntitlements lookup = start(COMMAND_LOGIN, MANUAL);
		owner.execute("ALTER TABLE read.subscriptions RENAME TO subscriptions_away");
		try {
			lookup.refresh();
			this.clock.advance(MANUAL.fullReloadInterval());
			lookup.refresh();

			assertThat(lookup.forUser(user)).isEqualTo(Entitlements.PREMIUM);
			assertThat(this.registry.get("ge.entitlements.refresh.failures").counter().count()).isEqualTo(2);
			assertThat(this.registry.get("ge.entitlements.age").gauge().value()).isGreaterThanOrEqualTo(60);
		}
		finally {
			owner.execute("ALTER TABLE read.subscriptions_away RENAME TO subscriptions");
		}
		write(user, "FREE", "canceled", null);
		lookup.refresh();
		assertThat(lookup.forUser(user)).isEqualTo(Entitlements.FREE);
		assertThat(this.registry.get("ge.entitlements.age").gauge().value()).isZero();
	}

	@Test
	void startsWithTheFreePlanForEveryoneWhenTheTableCannotBeRead() {
		UUID user = write(UUID.randomUUID(), "PREMIUM_MONTHLY", "active", null);
		owner.execute("ALTER TABLE read.subscriptions RENAME TO subscriptions_away");
		SubscriptionEntitlements lookup;
		try {
			lookup = start(COMMAND_LOGIN, MANUAL);
			assertThat(lookup.forUser(user)).isEqualTo(Entitlements.FREE);
		}
		finally {
			owner.execute("ALTER TABLE read.subscriptions_away RENAME TO subscriptions");
		}
		lookup.refresh();
		assertThat(lookup.forUser(user)).isEqualTo(Entitlements.PREMIUM);
	}

	private SubscriptionEntitlements start(String login, EntitlementProperties properties) {
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, login, login));
		SubscriptionEntitlements lookup = new SubscriptionEntitlements(jdbc, properties, this.clock, this.registry);
		lookup.afterPropertiesSet();
		this.started.add(lookup);
		return lookup;
	}

	private static UUID write(UUID user, String plan, String status, Instant pastDueSince) {
		owner.update("""
				INSERT INTO read.subscriptions (user_id, subscription_id, plan, status, past_due_since, updated_at,
					last_sequence)
				VALUES (?, ?, ?, ?, ?, clock_timestamp(), 0)
				ON CONFLICT (user_id) DO UPDATE SET plan = EXCLUDED.plan, status = EXCLUDED.status,
					past_due_since = EXCLUDED.past_due_since, updated_at = EXCLUDED.updated_at
				""", user, "subscription-" + UUID.randomUUID(), plan, status,
				(pastDueSince != null) ? java.sql.Timestamp.from(pastDueSince) : null);
		return user;
	}

	private static void writeAt(UUID user, String plan, String status, String updatedAtSql) {
		owner.update(
				"INSERT INTO read.subscriptions (user_id, subscription_id, plan, status, updated_at, last_sequence) "
						+ "VALUES (?, ?, ?, ?, " + updatedAtSql + ", 0)",
				user, "subscription-" + UUID.randomUUID(), plan, status);
	}

	private static long millisUntil(java.util.concurrent.Callable<Boolean> condition, Runnable change) {
		long start = System.nanoTime();
		change.run();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(condition);
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
