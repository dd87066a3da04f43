package com.gemetrics.platform.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.api.subscription.Plan;
import com.gemetrics.api.subscription.SubscriptionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link EntitlementLookup} of both apps: every subscription that may give premium (a
 * paid plan, {@code active}, {@code trialing} or {@code past_due}), from
 * {@code read.subscriptions}, in memory. A call is a map lookup and
 * {@link Entitlements#of} at the clock's time (so a {@code past_due} grace runs out
 * without a refresh); it never touches the database.
 * <p>
 * Loaded at start, then every {@code refresh-interval} (500 ms) the rows written since
 * the newest {@code updated_at} seen, minus {@code overlap}, are read and applied (a row
 * that no longer gives premium leaves the map: the projection keeps a row when a
 * subscription ends), and every {@code full-reload-interval} the whole set is read again.
 * So a change the projection writes is in force here within about the refresh interval.
 * When the table cannot be read, the last map stays in force; the failure is logged and
 * counted ({@code ge.entitlements.refresh.failures}); {@code ge.entitlements.age} tells
 * how old the map is.
 */
class SubscriptionEntitlements implements EntitlementLookup, InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SubscriptionEntitlements.class);

	private static final String COLUMNS = "user_id, plan, status, past_due_since, updated_at";

	private static final String MAY_GIVE_PREMIUM = "plan <> 'FREE' AND status IN ('active', 'trialing', 'past_due')";

	private final JdbcTemplate jdbc;

	private final EntitlementProperties properties;

	private final Clock clock;

	private final Map<UUID, Subscription> premium = new ConcurrentHashMap<>();

	private final Counter failures;

	private final ScheduledExecutorService refresher;

	/** Newest {@code updated_at} seen; guarded by {@code this}. */
	private Instant watermark;

	/** When the last full reload started; guarded by {@code this}. */
	private Instant lastFullReload;

	private volatile Instant lastSuccess;

	private volatile boolean failing;

	SubscriptionEntitlements(JdbcTemplate jdbc, EntitlementProperties properties, Clock clock, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.failures = Counter.builder("ge.entitlements.refresh.failures")
			.description("Reads of read.subscriptions by the entitlement cache that failed (the last map stays)")
			.register(registry);
		Gauge.builder("ge.entitlements.premium.candidates", this.premium, Map::size)
			.description("Subscriptions in the entitlement cache that may give premium")
			.register(registry);
		Gauge.builder("ge.entitlements.age", this, SubscriptionEntitlements::ageSeconds)
			.description("Seconds since the entitlement cache last read read.subscriptions")
			.baseUnit("seconds")
			.register(registry);
		this.refresher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "entitlements-refresh");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public Entitlements forUser(UUID userId) {
		Subscription subscription = (userId != null) ? this.premium.get(userId) : null;
		if (subscription == null) {
			return Entitlements.FREE;
		}
		return Entitlements.of(subscription.plan(), subscription.status(), subscription.pastDueSince(),
				this.clock.instant());
	}

	@Override
	public void afterPropertiesSet() {
		refresh();
		long interval = this.properties.refreshInterval().toMillis();
		this.refresher.scheduleWithFixedDelay(this::refresh, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.refresher.shutdownNow();
	}

	/**
	 * Reads what changed (or everything, when a full reload is due) and applies it; on
	 * failure keeps the map as it is.
	 */
	synchronized void refresh() {
		Instant now = this.clock.instant();
		try {
			if (this.watermark == null || this.lastFullReload == null
					|| !now.isBefore(this.lastFullReload.plus(this.properties.fullReloadInterval()))) {
				reloadAll(now);
			}
			else {
				readChanges();
			}
			this.lastSuccess = now;
			if (this.failing) {
				this.failing = false;
				log.info("Entitlements: read.subscriptions is readable again; {} premium candidates",
						this.premium.size());
			}
		}
		catch (RuntimeException ex) {
			this.failures.increment();
			if (!this.failing) {
				this.failing = true;
				log.warn("Entitlements: cannot read read.subscriptions ({}); the last known {} subscriptions stay in "
						+ "force", ex.toString(), this.premium.size());
			}
		}
	}

	private void reloadAll(Instant now) {
		Map<UUID, Subscription> all = new HashMap<>();
		Instant newest = this.jdbc.query("SELECT max(updated_at) FROM read.subscriptions",
				(rs) -> rs.next() ? instant(rs, 1) : null);
		this.jdbc.query("SELECT " + COLUMNS + " FROM read.subscriptions WHERE " + MAY_GIVE_PREMIUM, (ResultSet rs) -> {
			Subscription subscription = subscription(rs);
			all.put(subscription.userId(), subscription);
		});
		this.premium.keySet().retainAll(all.keySet());
		this.premium.putAll(all);
		this.watermark = (newest != null) ? newest : Instant.EPOCH;
		this.lastFullReload = now;
	}

	private void readChanges() {
		Instant since = this.watermark.minus(this.properties.overlap());
		Instant[] newest = { this.watermark };
		this.jdbc.query("SELECT " + COLUMNS + " FROM read.subscriptions WHERE updated_at > ?", (ResultSet rs) -> {
			Subscription subscription = subscription(rs);
			if (subscription.mayGivePremium()) {
				this.premium.put(subscription.userId(), subscription);
			}
			else {
				this.premium.remove(subscription.userId());
			}
			if (subscription.updatedAt().isAfter(newest[0])) {
				newest[0] = subscription.updatedAt();
			}
		}, Timestamp.from(since));
		this.watermark = newest[0];
	}

	private double ageSeconds() {
		Instant success = this.lastSuccess;
		return (success != null) ? (this.clock.millis() - success.toEpochMilli()) / 1000.0 : Double.NaN;
	}

	private static Subscription subscription(ResultSet rs) throws SQLException {
		return new Subscription(rs.getObject("user_id", UUID.class), Plan.valueOf(rs.getString("plan")),
				SubscriptionStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
				instant(rs, "past_due_since"), instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * What decides one user's entitlements.
	 *
	 * @param userId the user
	 * @param plan the plan
	 * @param status the status
	 * @param pastDueSince when it turned {@code past_due}
	 * @param updatedAt when the projection wrote it
	 */
	record Subscription(UUID userId, Plan plan, SubscriptionStatus status, Instant pastDueSince, Instant updatedAt) {

		boolean mayGivePremium() {
			return this.plan.paid() && (this.status == SubscriptionStatus.ACTIVE
					|| this.status == SubscriptionStatus.TRIALING || this.status == SubscriptionStatus.PAST_DUE);
		}

	}

}
