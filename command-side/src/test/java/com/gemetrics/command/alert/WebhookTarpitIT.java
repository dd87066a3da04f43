package com.gemetrics.command.alert;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.gemetrics.command.RealInfrastructure;
import com.gemetrics.command.Subscribers;
import com.gemetrics.command.outbound.OutboundProperties;
import com.gemetrics.command.outbound.Tarpit;
import com.gemetrics.platform.subscription.EntitlementLookup;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook that accepts the connection and then trickles its headers a byte at a time
 * (each byte well within the read timeout) against the real PostgreSQL, Redis and
 * scheduler: the delivery is given up at its deadline, recorded as a failed attempt and
 * retried later; while it hangs no transaction stays open, and the other scheduled work
 * (the mail outbox, key rotation) keeps running. Reaching a loopback HTTPS target needs a
 * test-only webhook client (loopback allowed, the tarpit's self-signed certificate
 * trusted), as in {@link WebhookClientTest}; production wiring is unchanged.
 */
@SpringBootTest(properties = { "ge.poller.enabled=false", "ge.alerts.poll-interval=100ms",
		"ge.auth.mail.poll-interval=100ms", "ge.auth.mail.retry-delay=1s", "ge.alerts.retry-delay=1s",
		"ge.outbound.alerts.deadline=15s", "ge.outbound.lease=60s", "ge.alerts.webhook.read-timeout=3s",
		"ge.auth.keys.check-interval=200ms", "ge.auth.keys.rotation-interval=2s", "ge.auth.keys.publish-ahead=1s" })
@ContextConfiguration(initializers = RealInfrastructure.class)
class WebhookTarpitIT {

	static final Duration DEADLINE = Duration.ofSeconds(15);

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TaskScheduler scheduler;

	@Autowired
	EntitlementLookup entitlements;

	@Test
	void aWebhookTricklingItsHeadersIsGivenUpAtItsDeadlineAndRetriedWhileOtherScheduledWorkRuns() throws Exception {
		try (Tarpit tarpit = Tarpit.tls("HTTP/1.1 200 OK\r\nX-Tarpit: ", Duration.ofMillis(200))) {
			UUID user = UUID.randomUUID();
			// webhooks are premium's
			Subscribers.premium(this.jdbc, this.entitlements, user.toString());
			this.jdbc.update("INSERT INTO alerts.webhook (user_id, url, updated_at) VALUES (?, ?, now())", user,
					"https://127.0.0.1:" + tarpit.port() + "/hook");
			double timeoutsBefore = timeouts();
			long delivery = queueWebhookDelivery(user);

			await().atMost(Duration.ofSeconds(10)).until(() -> tarpit.accepted() == 1);
			long hangStarted = System.nanoTime();

			long keys = count("auth.signing_key");
			String email = "outbox-" + UUID.randomUUID() + "@example.test";
			this.jdbc.update(
					"INSERT INTO auth.mail_outbox (kind, recipient, subject, body, created_at, "
							+ "next_attempt_at) VALUES ('TEST', ?, 'While a webhook hangs', 'Hello', now(), now())",
					email);
			await().atMost(Duration.ofSeconds(8)).until(() -> mailsTo(email) == 1);
			await().atMost(Duration.ofSeconds(8)).until(() -> count("auth.signing_key") > keys);
			Thread.sleep(Math.max(0, 2_500 - Duration.ofNanos(System.nanoTime() - hangStarted).toMillis()));
			assertThat(tarpit.hanging()).as("the webhook call still hangs").isEqualTo(1);
			assertThat(transactionsOpenLongerThan(Duration.ofSeconds(2))).isZero();
			assertThat(row(delivery)).containsEntry("attempts", 1).containsEntry("last_error", null);
			assertThat(row(delivery).get("claimed_until")).isNotNull();

			await().atMost(DEADLINE.plusSeconds(5))
				.until(() -> "WEBHOOK_TIMEOUT".equals(row(delivery).get("last_error")));
			Duration took = Duration.ofNanos(System.nanoTime() - hangStarted);
			assertThat(took).isLessThan(DEADLINE.plusSeconds(4));
			Map<String, Object> failed = row(delivery);
			assertThat(failed).containsEntry("attempts", 1)
				.containsEntry("claimed_until", null)
				.containsEntry("claim_id", null)
				.containsEntry("delivered_at", null)
				.containsEntry("dead_at", null);
			assertThat(timeouts() - timeoutsBefore).isEqualTo(1);
			await().atMost(Duration.ofSeconds(5)).until(() -> tarpit.closedByClient() == 1);

			await().atMost(Duration.ofSeconds(15)).until(() -> tarpit.accepted() == 2);
			assertThat(row(delivery)).containsEntry("attempts", 2);
		}
	}

	@Test
	void theSchedulerHasAThreadPerScheduledTaskAndHeadroom() {
		assertThat(this.scheduler).isInstanceOf(ThreadPoolTaskScheduler.class);
		assertThat(((ThreadPoolTaskScheduler) this.scheduler).getScheduledThreadPoolExecutor().getCorePoolSize())
			.isEqualTo(14);
	}

	private long queueWebhookDelivery(UUID user) {
		return this.jdbc.queryForObject("""
				INSERT INTO alerts.delivery (alert_id, channel, watchlist_id, user_id, rule_id, item_id, item_name,
				    type, threshold, observed, observed_at, triggered_at, created_at, next_attempt_at)
				VALUES (?, 'WEBHOOK', ?, ?, ?, 4151, 'Abyssal whip', 'PRICE_AT_OR_ABOVE', 1000000, 1200000, now(),
				    now(), now(), now())
				RETURNING id
				""", Long.class, UUID.randomUUID().toString(), "watchlist-" + user, user, UUID.randomUUID().toString());
	}

	private Map<String, Object> row(long delivery) {
		return this.jdbc.queryForMap("SELECT attempts, last_error, claimed_until, claim_id, delivered_at, dead_at "
				+ "FROM alerts.delivery WHERE id = ?", delivery);
	}

	private long count(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
	}

	/** Transactions of this database (other than this query's) open for longer. */
	private long transactionsOpenLongerThan(Duration age) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
						+ "AND pid <> pg_backend_pid() AND xact_start < now() - make_interval(secs => ?)",
				Long.class, (double) age.toMillis() / 1000);
	}

	private double timeouts() {
		return this.meters.get("ge.outbound.timeouts").tag("lane", "alerts").counter().count();
	}

	private static long mailsTo(String email) {
		return Stream.of(mail.getReceivedMessages()).filter((message) -> sentTo(message, email)).count();
	}

	private static boolean sentTo(MimeMessage message, String recipient) {
		try {
			return Stream.of(message.getAllRecipients())
				.anyMatch((address) -> address.toString().equalsIgnoreCase(recipient));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A webhook client that may reach the loopback tarpit and trusts its certificate. */
	@TestConfiguration(proxyBeanMethods = false)
	static class LoopbackWebhooks {

		@Bean
		@Primary
		WebhookClient loopbackWebhookClient(AlertProperties properties, OutboundProperties outbound) {
			return new WebhookClient(new WebhookAddressPolicy(InetAddress::getAllByName, (address) -> true),
					properties.webhook(), outbound.alerts().deadline(), WebhookClientTest.trustingTheStub(),
					NoopHostnameVerifier.INSTANCE);
		}

	}

}
