package com.gemetrics.query.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.gemetrics.api.price.PriceFeed;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The OSRS prices API as the query side sees it: healthy while the command side's poller
 * has had a good {@code /latest} answer within {@code ge.items.stale-after}
 * ({@link PriceFeed#isStale}). The query side never calls the API itself, so the poller's
 * record in {@code market.poll_status} is the evidence.
 */
@Component("osrs")
class OsrsFeedHealthIndicator implements HealthIndicator {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration staleAfter;

	OsrsFeedHealthIndicator(JdbcTemplate jdbc, Clock clock, @Value("${ge.items.stale-after:5m}") Duration staleAfter) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.staleAfter = staleAfter;
	}

	@Override
	public Health health() {
		List<Timestamp> rows = this.jdbc
			.queryForList("SELECT last_success_at FROM market.poll_status WHERE endpoint = 'latest'", Timestamp.class);
		Timestamp lastSuccess = rows.isEmpty() ? null : rows.get(0);
		if (lastSuccess == null) {
			return Health.down().withDetail("reason", "no good /latest poll recorded yet").build();
		}
		Instant at = lastSuccess.toInstant();
		Instant now = this.clock.instant();
		Duration age = Duration.between(at, now);
		Health.Builder builder = PriceFeed.isStale(at, now, this.staleAfter) ? Health.down() : Health.up();
		return builder.withDetail("lastGoodPoll", at.toString())
			.withDetail("ageSeconds", age.toSeconds())
			.withDetail("staleAfterSeconds", this.staleAfter.toSeconds())
			.build();
	}

}
