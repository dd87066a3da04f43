package com.gemetrics.command.outbound;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Outbound calls: each kind has its own lane of threads and a total deadline per call
 * (ADR 0015).
 *
 * @param lease how long a claimed outbox mail, alert delivery or Stripe inbox event stays
 * claimed; after it (the claiming instance died mid-call) any instance may claim it
 * again. Longer than every deadline here
 * @param mail SMTP: account mails from the outbox and alert mails; the deadline covers
 * one mail, from connect to the server's last answer
 * @param alerts alert deliveries (mail and webhooks); the deadline covers one webhook
 * POST, from name resolution to the status line
 * @param osrs the prices API; the deadline covers one call with all its retries
 * @param stripe the Stripe API from request threads (checkout, portal, health); the
 * deadline covers one call with stripe-java's own retries
 * @param stripeInbox the Stripe webhook inbox processor, its own lane so that a backlog
 * of events never takes the slots of users' checkouts; the deadline covers one call
 */
@Validated
@ConfigurationProperties("ge.outbound")
public record OutboundProperties(@NotNull Duration lease, @Valid @NotNull Lane mail, @Valid @NotNull Lane alerts,
		@Valid @NotNull Lane osrs, @Valid @NotNull Lane stripe, @Valid @NotNull Lane stripeInbox) {

	@AssertTrue(message = "ge.outbound.lease must be longer than the mail, webhook and Stripe inbox deadlines")
	boolean isLeaseLongerThanDeadlines() {
		if (this.lease == null || this.mail == null || this.alerts == null || this.stripeInbox == null
				|| this.mail.deadline() == null || this.alerts.deadline() == null
				|| this.stripeInbox.deadline() == null) {
			return true;
		}
		return this.lease.compareTo(this.mail.deadline()) > 0 && this.lease.compareTo(this.alerts.deadline()) > 0
				&& this.lease.compareTo(this.stripeInbox.deadline()) > 0;
	}

	/**
	 * @param threads calls in flight at most; more wait for the next tick
	 * @param deadline the total time one call may take
	 */
	public record Lane(@Positive @Max(64) int threads, @NotNull Duration deadline) {

		@AssertTrue(message = "an outbound deadline must be positive")
		boolean isDeadlinePositive() {
			return this.deadline == null || (!this.deadline.isNegative() && !this.deadline.isZero());
		}

	}

}
