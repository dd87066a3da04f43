package com.gemetrics.command.alert;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.api.watchlist.RecordAlertDeliveryCommand;
import com.gemetrics.api.watchlist.RecordAlertDeliveryFailureCommand;
import com.gemetrics.api.watchlist.WatchlistId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sends the queue's due alerts, on every instance. Each delivery is one transaction: the
 * row is locked with {@code FOR UPDATE SKIP LOCKED} (instances never send one twice in
 * normal operation; a crash between the send and the commit sends it again:
 * at-least-once), sent, and its final outcome recorded on the watchlist
 * ({@code AlertDeliveredEvent}, or {@code AlertDeliveryFailedEvent} with a dead letter)
 * in the same transaction. A failed attempt is retried with a doubling delay until
 * {@code ge.alerts.max-attempts}; a permanent failure (no verified address, webhook
 * removed or resolving to a refused address) is given up at once. Addresses and URLs are
 * never logged.
 */
@Component
class AlertDeliverySender {

	private static final Logger log = LoggerFactory.getLogger(AlertDeliverySender.class);

	private final AlertDeliveryQueue queue;

	private final WebhookRepository webhooks;

	private final WebhookClient webhookClient;

	private final JavaMailSender mailSender;

	private final CommandGateway commands;

	private final TransactionOperations transactions;

	private final AlertProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	AlertDeliverySender(AlertDeliveryQueue queue, WebhookRepository webhooks, WebhookClient webhookClient,
			JavaMailSender mailSender, CommandGateway commands, TransactionOperations transactions,
			AlertProperties properties, Clock clock, MeterRegistry meters) {
		this.queue = queue;
		this.webhooks = webhooks;
		this.webhookClient = webhookClient;
		this.mailSender = mailSender;
		this.commands = commands;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		Gauge.builder("ge.alerts.delivery.pending", queue, AlertDeliveryQueue::pending)
			.description("Alert deliveries waiting in the queue")
			.register(meters);
	}

	/** Attempts up to one batch of due deliveries; answers how many were attempted. */
	int sendDue() {
		int attempted = 0;
		while (attempted < this.properties.batchSize() && Boolean.TRUE.equals(this.transactions.execute((status) -> {
			Optional<AlertDelivery> next = this.queue.lockNextDue(this.clock.instant());
			next.ifPresent(this::attempt);
			return next.isPresent();
		}))) {
			attempted++;
		}
		return attempted;
	}

	private void attempt(AlertDelivery delivery) {
		int attempts = delivery.attempts() + 1;
		Outcome outcome = (delivery.channel() == DeliveryChannel.EMAIL) ? sendMail(delivery) : callWebhook(delivery);
		Instant now = this.clock.instant();
		WatchlistId watchlistId = WatchlistId.of(delivery.watchlistId());
		if (outcome.delivered()) {
			this.queue.delivered(delivery.id(), now);
			this.commands.sendAndWait(
					new RecordAlertDeliveryCommand(watchlistId, delivery.alertId(), delivery.channel(), attempts, now));
			counter("ge.alerts.delivery.sent", delivery.channel()).increment();
			log.info("Delivered alert {} by {} after {} attempts", delivery.alertId(), delivery.channel(), attempts);
			return;
		}
		counter("ge.alerts.delivery.failed", delivery.channel()).increment();
		if (outcome.permanent() || attempts >= this.properties.maxAttempts()) {
			this.queue.deadLetter(delivery, attempts, outcome.reason(), now);
			this.commands.sendAndWait(new RecordAlertDeliveryFailureCommand(watchlistId, delivery.alertId(),
					delivery.channel(), attempts, outcome.reason(), now));
			counter("ge.alerts.delivery.dead-lettered", delivery.channel()).increment();
			log.warn("Gave up alert {} by {} after {} attempts: {}", delivery.alertId(), delivery.channel(), attempts,
					outcome.reason());
			return;
		}
		Duration delay = retryDelay(attempts);
		log.info("Delivering alert {} by {} failed ({}); retrying in {}", delivery.alertId(), delivery.channel(),
				outcome.reason(), delay);
		this.queue.retryLater(delivery.id(), outcome.reason(), now.plus(delay));
	}

	private Outcome sendMail(AlertDelivery delivery) {
		Optional<String> recipient = this.queue.verifiedEmail(delivery.userId());
		if (recipient.isEmpty()) {
			return Outcome.permanentFailure("EMAIL_NOT_VERIFIED");
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.mailFrom());
		message.setTo(recipient.get());
		message.setSubject(AlertMessages.subject(delivery));
		message.setText(AlertMessages.mailText(delivery));
		try {
			this.mailSender.send(message);
			return Outcome.DELIVERED;
		}
		catch (MailException ex) {
			return Outcome.failure("SMTP_UNAVAILABLE");
		}
	}

	private Outcome callWebhook(AlertDelivery delivery) {
		Optional<String> url = this.webhooks.find(delivery.userId());
		if (url.isEmpty()) {
			return Outcome.permanentFailure("WEBHOOK_REMOVED");
		}
		try {
			int status = this.webhookClient.post(URI.create(url.get()), AlertMessages.webhookJson(delivery));
			return (status >= 200 && status < 300) ? Outcome.DELIVERED : Outcome.failure("HTTP_" + status);
		}
		catch (WebhookAddressPolicy.AddressRejectedException ex) {
			return Outcome.permanentFailure("WEBHOOK_ADDRESS_REJECTED");
		}
		catch (SocketTimeoutException ex) {
			return Outcome.failure("WEBHOOK_TIMEOUT");
		}
		catch (IOException | IllegalArgumentException ex) {
			return Outcome.failure("WEBHOOK_UNREACHABLE");
		}
	}

	private Duration retryDelay(int attempts) {
		Duration delay = this.properties.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
		return (delay.compareTo(this.properties.maxRetryDelay()) > 0) ? this.properties.maxRetryDelay() : delay;
	}

	private Counter counter(String name, DeliveryChannel channel) {
		return Counter.builder(name).tag("channel", channel.name()).register(this.meters);
	}

	/** The result of one attempt. */
	private record Outcome(boolean delivered, boolean permanent, String reason) {

		static final Outcome DELIVERED = new Outcome(true, false, null);

		static Outcome failure(String reason) {
			return new Outcome(false, false, reason);
		}

		static Outcome permanentFailure(String reason) {
			return new Outcome(false, true, reason);
		}

	}

}
