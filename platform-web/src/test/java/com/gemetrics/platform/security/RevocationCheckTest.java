package com.gemetrics.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation check against the real Redis (127.0.0.1:6379, keys under a fresh
 * prefix), and against a port where nothing listens, with time moved by hand.
 */
class RevocationCheckTest {

	private static final long STARTED = 1_800_000_000L;

	private final Clock clock = new Clock() {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return RevocationCheckTest.this.now;
		}

	};

	private Instant now = Instant.parse("2027-01-10T10:00:00Z");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RedisKeys keys = new RedisKeys("ge-test:" + UUID.randomUUID() + ":");

	private final LettuceConnectionFactory reachable = connect(6379);

	private final StringRedisTemplate redis = new StringRedisTemplate(this.reachable);

	private LettuceConnectionFactory unreachable;

	@AfterEach
	void cleanUp() {
		this.redis.delete(this.redis.keys(this.keys.keyPrefix() + "*"));
		this.reachable.destroy();
		if (this.unreachable != null) {
			this.unreachable.destroy();
		}
	}

	@Test
	void refusesARevokedSessionAndTheUsersOlderSessions() {
		RevocationCheck check = check(this.redis, Duration.ZERO);
		this.redis.opsForValue().set(this.keys.sessionRevoked("s1"), "1", Duration.ofMinutes(1));
		this.redis.opsForValue()
			.set(this.keys.sessionsRevokedBefore("u2"), Long.toString(STARTED + 10), Duration.ofMinutes(1));

		assertThat(check.isRevoked("s1", "u1", STARTED)).isTrue();
		assertThat(check.isRevoked("s2", "u1", STARTED)).isFalse();
		assertThat(check.isRevoked("s3", "u2", STARTED)).isTrue();
		assertThat(check.isRevoked("s4", "u2", STARTED + 10)).isFalse();
	}

	@Test
	void asksRedisEveryTimeWithoutAnActiveCache() {
		RevocationCheck check = check(this.redis, Duration.ZERO);
		assertThat(check.isRevoked("s1", "u1", STARTED)).isFalse();

		this.redis.opsForValue().set(this.keys.sessionRevoked("s1"), "1", Duration.ofMinutes(1));

		assertThat(check.isRevoked("s1", "u1", STARTED)).isTrue();
	}

	@Test
	void refusesWhatThisInstanceRevokedEvenWhenRedisNeverHeardOfIt() {
		// the command side revoked these but could not write the revocation to Redis
		RevocationCheck check = check(this.redis, Duration.ZERO);
		check.rememberSession("s1");
		check.rememberUser("u2", STARTED + 10);

		assertThat(check.isRevoked("s1", "u1", STARTED)).isTrue();
		assertThat(check.isRevoked("s3", "u2", STARTED)).isTrue();
		assertThat(check.isRevoked("s4", "u2", STARTED + 10)).isFalse();
		assertThat(check.isRevoked("s2", "u1", STARTED)).isFalse();
	}

	@Test
	void trustsASessionFoundActiveForTheActiveCache() {
		RevocationCheck check = check(this.redis, Duration.ofSeconds(1));
		assertThat(check.isRevoked("s1", "u1", STARTED)).isFalse();

		this.redis.opsForValue().set(this.keys.sessionRevoked("s1"), "1", Duration.ofMinutes(1));
		this.now = this.now.plusMillis(999);
		assertThat(check.isRevoked("s1", "u1", STARTED)).isFalse();

		this.now = this.now.plusMillis(1);
		assertThat(check.isRevoked("s1", "u1", STARTED)).isTrue();
	}

	@Test
	void answersFromMemoryWhileRedisDoesNotAnswer() {
		this.unreachable = connect(1);
		RevocationCheck check = check(new StringRedisTemplate(this.unreachable), Duration.ZERO);
		check.rememberSession("s1");
		check.rememberUser("u2", STARTED + 10);

		assertThat(check.isRevoked("s1", "u1", STARTED)).isTrue();
		assertThat(check.isRevoked("s2", "u1", STARTED)).isFalse();
		assertThat(check.isRevoked("s3", "u2", STARTED)).isTrue();
		assertThat(this.meters.get("ge.auth.revocation.check.failures").counter().count()).isEqualTo(3);

		Health health = new RevocationHealthIndicator(check).health();
		assertThat(health.getDetails()).containsEntry("redis", "not answering since " + this.now)
			.containsEntry("uncheckedRequests", 3L);

		this.now = this.now.plus(Duration.ofMinutes(17));
		assertThat(check.isRevoked("s1", "u1", STARTED)).isFalse();
	}

	private RevocationCheck check(StringRedisTemplate template, Duration activeFor) {
		return new RevocationCheck(template, this.keys, Duration.ofMinutes(16), Duration.ofSeconds(1), activeFor,
				this.clock, this.meters);
	}

	private static LettuceConnectionFactory connect(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
