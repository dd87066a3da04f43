package com.gemetrics.command.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sends the outbox's due mails, on every instance: each pass locks a batch with
 * {@code FOR UPDATE SKIP LOCKED}, so instances never send one mail twice in normal
 * operation (a crash between the SMTP answer and the commit can send a mail again:
 * at-least-once). A failed send is retried with a doubling delay, then given up.
 * Addresses and bodies are never logged.
 */
@Component
class MailOutboxSender {

	private static final Logger log = LoggerFactory.getLogger(MailOutboxSender.class);

	private static final Duration KEEP_SENT = Duration.ofDays(7);

	private static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);

	private final MailOutbox outbox;

	private final OneTimeTokens tokens;

	private final JavaMailSender mailSender;

	private final TransactionOperations transactions;

	private final AccountProperties properties;

	private final Clock clock;

	private final Counter sent;

	private final Counter failed;

	MailOutboxSender(MailOutbox outbox, OneTimeTokens tokens, JavaMailSender mailSender,
			TransactionOperations transactions, AccountProperties properties, Clock clock, MeterRegistry meters) {
		this.outbox = outbox;
		this.tokens = tokens;
		this.mailSender = mailSender;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.sent = Counter.builder("ge.auth.mail.sent").description("Mails sent from the outbox").register(meters);
		this.failed = Counter.builder("ge.auth.mail.failed")
			.description("Mail send attempts that failed")
			.register(meters);
		Gauge.builder("ge.auth.mail.pending", outbox, MailOutbox::pending)
			.description("Mails waiting in the outbox")
			.register(meters);
	}

	/** Sends one batch of due mails; returns how many were attempted. */
	int sendDue() {
		Integer attempted = this.transactions.execute((status) -> {
			List<MailOutbox.PendingMail> due = this.outbox.lockDue(this.clock.instant(),
					this.properties.mail().batchSize());
			due.forEach(this::send);
			return due.size();
		});
		return (attempted != null) ? attempted : 0;
	}

	/** Deletes old sent mails and long-expired tokens. */
	void purge() {
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			this.outbox.purge(now, KEEP_SENT);
			this.tokens.purgeExpired(OneTimeTokens.Kind.EMAIL_VERIFICATION, now.minus(KEEP_SENT));
			this.tokens.purgeExpired(OneTimeTokens.Kind.PASSWORD_RESET, now.minus(KEEP_SENT));
		});
	}

	private void send(MailOutbox.PendingMail mail) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.mail().from());
		message.setTo(mail.recipient());
		message.setSubject(mail.subject());
		message.setText(mail.body());
		try {
			this.mailSender.send(message);
			this.outbox.sent(mail.id(), this.clock.instant());
			this.sent.increment();
			log.info("Sent {} mail {}", mail.kind(), mail.id());
		}
		catch (MailException ex) {
			this.failed.increment();
			int attempts = mail.attempts() + 1;
			String error = ex.getClass().getSimpleName();
			if (attempts >= this.properties.mail().maxAttempts()) {
				log.error("Gave up {} mail {} after {} attempts: {}", mail.kind(), mail.id(), attempts, error);
				this.outbox.giveUp(mail.id(), error, this.clock.instant());
			}
			else {
				Duration delay = retryDelay(attempts);
				log.warn("Sending {} mail {} failed ({}); retrying in {}", mail.kind(), mail.id(), error, delay);
				this.outbox.retryLater(mail.id(), error, this.clock.instant().plus(delay));
			}
		}
	}

	private Duration retryDelay(int attempts) {
		Duration first = this.properties.mail().retryDelay();
		Duration delay = first.multipliedBy(1L << Math.min(attempts - 1, 20));
		return (delay.compareTo(MAX_RETRY_DELAY) > 0) ? MAX_RETRY_DELAY : delay;
	}

}
