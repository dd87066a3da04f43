package com.gemetrics.command.user;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.command.outbound.Tarpit;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An SMTP server that accepts the connection and then trickles its greeting a byte at a
 * time (each byte well within the SMTP read timeout), against the real PostgreSQL and
 * Redis: the outbox mail is given up at its deadline, recorded as a failed attempt and
 * retried later, no transaction stays open meanwhile, and key rotation keeps running.
 */
@SpringBootTest(properties = { "ge.poller.enabled=false", "ge.auth.mail.poll-interval=100ms",
		"ge.auth.mail.retry-delay=1s", "ge.outbound.mail.deadline=10s", "ge.outbound.lease=60s",
		"ge.auth.keys.check-interval=200ms", "ge.auth.keys.rotation-interval=2s", "ge.auth.keys.publish-ahead=1s" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class MailOutboxTarpitIT {

	static final Duration DEADLINE = Duration.ofSeconds(10);

	static final Tarpit smtp = tarpit();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", smtp::port);
	}

	@AfterAll
	static void closeTarpit() throws Exception {
		smtp.close();
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void aServerTricklingItsGreetingIsGivenUpAtTheDeadlineAndRetriedWhileKeyRotationRuns() throws Exception {
		double timeoutsBefore = this.meters.get("ge.outbound.timeouts").tag("lane", "mail").counter().count();
		int acceptedBefore = smtp.accepted();
		long mail = this.jdbc.queryForObject(
				"INSERT INTO auth.mail_outbox (kind, recipient, subject, body, "
						+ "created_at, next_attempt_at) VALUES ('TEST', ?, 'Slow', 'Hello', now(), now()) RETURNING id",
				Long.class, "slow-" + UUID.randomUUID() + "@example.test");

		await().atMost(Duration.ofSeconds(10)).until(() -> smtp.accepted() == acceptedBefore + 1);
		long hangStarted = System.nanoTime();
		long keys = count();
		await().atMost(Duration.ofSeconds(8)).until(() -> count() > keys);
		Thread.sleep(Math.max(0, 2_500 - Duration.ofNanos(System.nanoTime() - hangStarted).toMillis()));
		assertThat(smtp.hanging()).as("the SMTP call still hangs").isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
				+ "AND pid <> pg_backend_pid() AND xact_start < now() - interval '2 seconds'", Long.class))
			.isZero();

		await().atMost(DEADLINE.plusSeconds(5)).until(() -> "DeadlineExceeded".equals(row(mail).get("last_error")));
		assertThat(Duration.ofNanos(System.nanoTime() - hangStarted)).isLessThan(DEADLINE.plusSeconds(4));
		assertThat(row(mail)).containsEntry("attempts", 1)
			.containsEntry("sent_at", null)
			.containsEntry("failed_at", null)
			.containsEntry("claimed_until", null);
		assertThat(this.meters.get("ge.outbound.timeouts").tag("lane", "mail").counter().count() - timeoutsBefore)
			.isEqualTo(1);

		await().atMost(Duration.ofSeconds(15)).until(() -> smtp.accepted() == acceptedBefore + 2);
		assertThat(row(mail)).containsEntry("attempts", 2);
	}

	private Map<String, Object> row(long mail) {
		return this.jdbc.queryForMap(
				"SELECT attempts, last_error, sent_at, failed_at, claimed_until FROM auth.mail_outbox WHERE id = ?",
				mail);
	}

	private long count() {
		return this.jdbc.queryForObject("SELECT count(*) FROM auth.signing_key", Long.class);
	}

	private static Tarpit tarpit() {
		try {
			return Tarpit.plain("220-tarpit ", Duration.ofMillis(200));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
