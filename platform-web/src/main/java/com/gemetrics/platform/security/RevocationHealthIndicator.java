package com.gemetrics.platform.security;

import java.time.Instant;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Says whether the session revocation check reaches Redis. Always UP (requests are still
 * served, see ADR 0008); the details say since when Redis has not answered and how many
 * requests went unchecked. Each app registers it as the {@code sessionRevocation} bean.
 */
public class RevocationHealthIndicator implements HealthIndicator {

	private final RevocationCheck check;

	public RevocationHealthIndicator(RevocationCheck check) {
		this.check = check;
	}

	@Override
	public Health health() {
		Instant failedAt = this.check.lastFailure();
		return Health.up()
			.withDetail("redis", (failedAt != null) ? "not answering since " + failedAt : "answering")
			.withDetail("uncheckedRequests", (long) this.check.failureCount())
			.build();
	}

}
