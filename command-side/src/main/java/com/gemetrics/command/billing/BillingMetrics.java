package com.gemetrics.command.billing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Billing's counters: checkouts started ({@code ge.billing.checkouts.started}) and
 * completed (a subscription activated, {@code ge.billing.checkouts.completed}), webhooks
 * by outcome ({@code ge.billing.webhooks}, {@code outcome=accepted|refused|duplicate}),
 * payments collected ({@code ge.billing.payments}) and failed
 * ({@code ge.billing.payment.failures}), and inbox events given up
 * ({@code ge.billing.inbox.dead}). Payments count recorded events, so a redelivered
 * webhook counts once.
 */
@Component
class BillingMetrics {

	private final Counter checkoutsStarted;

	private final Counter checkoutsCompleted;

	private final Counter webhooksAccepted;

	private final Counter webhooksRefused;

	private final Counter webhooksDuplicate;

	private final Counter payments;

	private final Counter paymentFailures;

	private final Counter inboxDead;

	BillingMetrics(MeterRegistry meters) {
		this.checkoutsStarted = Counter.builder("ge.billing.checkouts.started")
			.description("Checkout sessions opened")
			.register(meters);
		this.checkoutsCompleted = Counter.builder("ge.billing.checkouts.completed")
			.description("Subscriptions activated")
			.register(meters);
		this.webhooksAccepted = webhooks(meters, "accepted");
		this.webhooksRefused = webhooks(meters, "refused");
		this.webhooksDuplicate = webhooks(meters, "duplicate");
		this.payments = Counter.builder("ge.billing.payments")
			.description("Invoices paid (recorded once each)")
			.register(meters);
		this.paymentFailures = Counter.builder("ge.billing.payment.failures")
			.description("Failed payment attempts (recorded once each)")
			.register(meters);
		this.inboxDead = Counter.builder("ge.billing.inbox.dead")
			.description("Stripe events given up after their last processing attempt")
			.register(meters);
	}

	private static Counter webhooks(MeterRegistry meters, String outcome) {
		return Counter.builder("ge.billing.webhooks")
			.description("Stripe webhooks received, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	void checkoutStarted() {
		this.checkoutsStarted.increment();
	}

	void checkoutCompleted() {
		this.checkoutsCompleted.increment();
	}

	void webhookAccepted() {
		this.webhooksAccepted.increment();
	}

	void webhookRefused() {
		this.webhooksRefused.increment();
	}

	void webhookDuplicate() {
		this.webhooksDuplicate.increment();
	}

	void paymentRecorded() {
		this.payments.increment();
	}

	void paymentFailureRecorded() {
		this.paymentFailures.increment();
	}

	void inboxEventDead() {
		this.inboxDead.increment();
	}

}
