package com.gemetrics.command.alert;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.gemetrics.command.axon.Actors;
import com.gemetrics.api.watchlist.DeliveryChannel;
import com.gemetrics.api.watchlist.RecordAlertDeliveryCommand;
import com.gemetrics.api.watchlist.RecordAlertDeliveryFailureCommand;
import com.gemetrics.api.watchlist.WatchlistId;
import com.gemetrics.command.outbound.Deadline;
import com.gemetrics.command.outbound.OutboundLane;
import com.gemetrics.command.outbound.OutboundProperties;
import com.gemetrics.platform.subscription.EntitlementLookup;
import com.gemetrics.platform.subscription.PremiumRequired;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sends the queue's due alerts, on every instance, in three steps so that no transaction
 * is open and no connection held while a mail server or webhook takes its time (ADR
 * 0013):
 * <ol>
 * <li>claim: one short statement claims as many due deliveries as the {@code alerts} lane
 * has free threads ({@code FOR UPDATE SKIP LOCKED}, a lease of
 * {@code ge.outbound.lease});</li>
 * <li>send: on the lane, each under a total deadline ({@code ge.outbound.alerts.deadline}
 * for webhooks, {@code ge.outbound.mail.deadline} for mail);</li>
 * <li>record: one short transaction per delivery stores its outcome on the queue and on
 * the watchlist ({@code AlertDeliveredEvent}, or {@code AlertDeliveryFailedEvent} with a
 * dead letter), only if this claim still holds it.</li>
 * </ol>
 * Delivery is at-least-once: an instance that dies after sending and before recording, or
 * outlives its lease, leaves the delivery to be sent again. A failed attempt is retried
 * with a doubling delay until {@code ge.alerts.max-attempts}; a permanent failure (no
 * verified address, webhook removed or resolving to a refused address, premium ended
 * since the webhook delivery was queued) is given up at once. Addresses and URLs are
 * never logged.
 */
@Component
class AlertDeliverySender {

	private static final Logger log = LoggerFactory.getLogger(AlertDeliverySender.class);

	/** The actor of the delivery outcomes it records ({@code system:alert-delivery}). */
	static final String ACTOR = "alert-delivery";

	private final AlertDeliveryQueue queue;

	private final WebhookRepository webhooks;

	private final WebhookClient webhookClient;

	private final JavaMailSender mailSender;

	private final CommandGateway commands;

	private final TransactionOperations transactions;

	private final AlertProperties properties;

	private final OutboundProperties outbound;

	private final OutboundLane lane;

	private final EntitlementLookup entitlements;

	private final Clock clock;

	private final MeterRegistry meters;

	AlertDeliverySender(AlertDeliveryQueue queue, WebhookRepository webhooks, WebhookClient webhookClient,
			JavaMailSender mailSender, CommandGateway commands, TransactionOperations transactions,
			AlertProperties properties, OutboundProperties outbound, @Qualifier(OutboundLane.ALERTS) OutboundLane lane,
			EntitlementLookup entitlements, Clock clock, MeterRegistry meters) {
		this.queue = queue;
		this.webhooks = webhooks;
		this.webhookClient = webhookClient;
		this.mailSender = mailSender;
		this.commands = commands;
		this.transactions = transactions;
		this.properties = properties;
		this.outbound = outbound;
		this.lane = lane;
		this.entitlements = entitlements;
		this.clock = clock;
		this.meters = meters;
		Gauge.builder("ge.alerts.delivery.pending", queue, AlertDeliveryQueue::pending)
			.description("Alert deliveries waiting in the queue")
			.register(meters);
	}

	/**
	 * Claims up to one batch of due deliveries (no more than the lane has free threads)
	 * and hands them to the lane; answers how many were claimed. Never waits for a send.
	 */
	int sendDue() {
		int slots = this.lane.reserve(this.properties.batchSize());
		if (slots == 0) {
			return 0;
		}
		List<AlertDelivery> claimed;
		try {
			Instant now = this.clock.instant();
			claimed = this.queue.claimDue(now, slots, now.plus(this.outbound.lease()), UUID.randomUUID());
		}
		catch (RuntimeException ex) {
			this.lane.release(slots);
			throw ex;
		}
		this.lane.release(slots - claimed.size());
		claimed.forEach((delivery) -> this.lane.run(() -> attempt(delivery)));
		return claimed.size();
	}

	private void attempt(AlertDelivery delivery) {
		Outcome outcome;
		if (delivery.attempts() > this.properties.maxAttempts()) {
			outcome = Outcome.permanentFailure("ATTEMPTS_EXHAUSTED");
		}
		else {
			outcome = (delivery.channel() == DeliveryChannel.EMAIL) ? sendMail(delivery) : callWebhook(delivery);
		}
		try {
			this.transactions.executeWithoutResult((status) -> record(delivery, outcome));
		}
		catch (RuntimeException ex) {
			log.error("Recording the outcome of alert {} by {} failed; it is sent again after its lease",
					delivery.alertId(), delivery.channel(), ex);
		}
	}

	private void record(AlertDelivery delivery, Outcome outcome) {
		int attempts = delivery.attempts();
		Instant now = this.clock.instant();
		WatchlistId watchlistId = WatchlistId.of(delivery.watchlistId());
		if (outcome.delivered()) {
			if (!this.queue.delivered(delivery, now)) {
				leaseLost(delivery);
				return;
			}
			Actors.runAs(ACTOR, () -> this.commands.sendAndWait(new RecordAlertDeliveryCommand(watchlistId,
					delivery.alertId(), delivery.channel(), attempts, now)));
			counter("ge.alerts.delivery.sent", delivery.channel()).increment();
			log.info("Delivered alert {} by {} after {} attempts", delivery.alertId(), delivery.channel(), attempts);
			return;
		}
		counter("ge.alerts.delivery.failed", delivery.channel()).increment();
		if (outcome.permanent() || attempts >= this.properties.maxAttempts()) {
			if (!this.queue.deadLetter(delivery, outcome.reason(), now)) {
				leaseLost(delivery);
				return;
			}
			Actors.runAs(ACTOR, () -> this.commands.sendAndWait(new RecordAlertDeliveryFailureCommand(watchlistId,
					delivery.alertId(), delivery.channel(), attempts, outcome.reason(), now)));
			counter("ge.alerts.delivery.dead-lettered", delivery.channel()).increment();
			log.warn("Gave up alert {} by {} after {} attempts: {}", delivery.alertId(), delivery.channel(), attempts,
					outcome.reason());
			return;
		}
		Duration delay = retryDelay(attempts);
		if (!this.queue.retryLater(delivery, outcome.reason(), now.plus(delay))) {
			leaseLost(delivery);
			return;
		}
		log.info("Delivering alert {} by {} failed ({}); retrying in {}", delivery.alertId(), delivery.channel(),
				outcome.reason(), delay);
	}

	private void leaseLost(AlertDelivery delivery) {
		counter("ge.alerts.delivery.lease-lost", delivery.channel()).increment();
		log.warn("Alert {} by {} was claimed again before its outcome was recorded (lease {} ran out)",
				delivery.alertId(), delivery.channel(), this.outbound.lease());
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
		try (Deadline deadline = Deadline.start(this.outbound.mail().deadline())) {
			try {
				this.mailSender.send(message);
				return Outcome.DELIVERED;
			}
			catch (MailException ex) {
				if (deadline.expired()) {
					this.lane.timedOut();
					return Outcome.failure("SMTP_TIMEOUT");
				}
				return Outcome.failure("SMTP_UNAVAILABLE");
			}
		}
	}

	private Outcome callWebhook(AlertDelivery delivery) {
		Optional<String> url = this.webhooks.find(delivery.userId());
		if (url.isEmpty()) {
			return Outcome.permanentFailure("WEBHOOK_REMOVED");
		}
		if (!this.entitlements.forUser(delivery.userId()).webhookAlerts()) {
			return Outcome.permanentFailure(PremiumRequired.CODE);
		}
		try {
			int status = this.webhookClient.post(URI.create(url.get()), AlertMessages.webhookJson(delivery));
			return (status >= 200 && status < 300) ? Outcome.DELIVERED : Outcome.failure("HTTP_" + status);
		}
		catch (WebhookAddressPolicy.AddressRejectedException ex) {
			return Outcome.permanentFailure("WEBHOOK_ADDRESS_REJECTED");
		}
		catch (SocketTimeoutException ex) {
			this.lane.timedOut();
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
