package com.gemetrics.command.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.gemetrics.command.outbound.Deadline;
import com.gemetrics.command.outbound.OutboundLane;
import com.gemetrics.command.outbound.OutboundProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sends the outbox's due mails, on every instance, with no transaction open and no
 * connection held while SMTP takes its time (ADR 0015): a tick claims as many due mails
 * as the {@code mail} lane has free threads (one short statement, {@code FOR UPDATE SKIP
 * LOCKED}, a lease of {@code ge.outbound.lease}), the lane sends each under the total
 * deadline {@code ge.outbound.mail.deadline}, and a second short statement records the
 * outcome if the claim still holds. Instances never send one mail twice in normal
 * operation; an instance that dies between the SMTP answer and the record, or outlives
 * its lease, leaves the mail to be sent again (at-least-once). A failed send is retried
 * with a doubling delay, then given up. Addresses and bodies are never logged.
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

	private final OutboundProperties outbound;

	private final OutboundLane lane;

	MailOutboxSender(MailOutbox outbox, OneTimeTokens tokens, JavaMailSender mailSender,
			TransactionOperations transactions, AccountProperties properties, OutboundProperties outbound,
			@Qualifier(OutboundLane.MAIL) OutboundLane lane, Clock clock, MeterRegistry meters) {
		this.outbox = outbox;
		this.outbound = outbound;
		this.lane = lane;
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

	/**
	 * Claims up to one batch of due mails (no more than the lane has free threads) and
	 * hands them to the lane; answers how many were claimed. Never waits for a send.
	 */
	int sendDue() {
		int slots = this.lane.reserve(this.properties.mail().batchSize());
		if (slots == 0) {
			return 0;
		}
		List<MailOutbox.PendingMail> claimed;
		try {
			Instant now = this.clock.instant();
			claimed = this.outbox.claimDue(now, slots, now.plus(this.outbound.lease()), UUID.randomUUID());
		}
		catch (RuntimeException ex) {
			this.lane.release(slots);
			throw ex;
		}
		this.lane.release(slots - claimed.size());
		claimed.forEach((mail) -> this.lane.run(() -> send(mail)));
		return claimed.size();
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
		String error = (mail.attempts() > this.properties.mail().maxAttempts()) ? "AttemptsExhausted" : deliver(mail);
		try {
			record(mail, error);
		}
		catch (RuntimeException ex) {
			log.error("Recording the outcome of {} mail {} failed; it is sent again after its lease", mail.kind(),
					mail.id(), ex);
		}
	}

	/** Sends the mail under the deadline; answers null when sent, else the error. */
	private String deliver(MailOutbox.PendingMail mail) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.mail().from());
		message.setTo(mail.recipient());
		message.setSubject(mail.subject());
		message.setText(mail.body());
		try (Deadline deadline = Deadline.start(this.outbound.mail().deadline())) {
			try {
				this.mailSender.send(message);
				return null;
			}
			catch (MailException ex) {
				if (deadline.expired()) {
					this.lane.timedOut();
					return "DeadlineExceeded";
				}
				return NestedExceptionUtils.getMostSpecificCause(ex).getClass().getSimpleName();
			}
		}
	}

	private void record(MailOutbox.PendingMail mail, String error) {
		Instant now = this.clock.instant();
		if (error == null) {
			if (this.outbox.sent(mail, now)) {
				this.sent.increment();
				log.info("Sent {} mail {}", mail.kind(), mail.id());
			}
			else {
				leaseLost(mail);
			}
			return;
		}
		this.failed.increment();
		int attempts = mail.attempts();
		if (attempts >= this.properties.mail().maxAttempts()) {
			if (this.outbox.giveUp(mail, error, now)) {
				log.error("Gave up {} mail {} after {} attempts: {}", mail.kind(), mail.id(), attempts, error);
			}
			else {
				leaseLost(mail);
			}
			return;
		}
		Duration delay = retryDelay(attempts);
		if (this.outbox.retryLater(mail, error, now.plus(delay))) {
			log.warn("Sending {} mail {} failed ({}); retrying in {}", mail.kind(), mail.id(), error, delay);
		}
		else {
			leaseLost(mail);
		}
	}

	private void leaseLost(MailOutbox.PendingMail mail) {
		log.warn("{} mail {} was claimed again before its outcome was recorded (lease {} ran out)", mail.kind(),
				mail.id(), this.outbound.lease());
	}

	private Duration retryDelay(int attempts) {
		Duration first = this.properties.mail().retryDelay();
		Duration delay = first.multipliedBy(1L << Math.min(attempts - 1, 20));
		return (delay.compareTo(MAX_RETRY_DELAY) > 0) ? MAX_RETRY_DELAY : delay;
	}

}
