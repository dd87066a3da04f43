package com.gemetrics.command.billing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import com.gemetrics.platform.web.ApiException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Receives Stripe's webhooks: checks the {@code Stripe-Signature} header (HMAC-SHA256 of
 * {@code "<t>.<raw body>"} keyed with the endpoint's secret, {@code t} no older than
 * {@code ge.stripe.webhook-tolerance}), then stores the event in the inbox and answers at
 * once; the processing happens later ({@link StripeInboxProcessor}). A bad, missing or
 * stale signature stores nothing (400 {@code STRIPE_SIGNATURE_INVALID}). A redelivered
 * event is answered like the first delivery and stored once. Payloads are never logged.
 */
@Component
class StripeWebhooks {

	/** The header Stripe signs with. */
	static final String SIGNATURE_HEADER = "Stripe-Signature";

	static final String SIGNATURE_INVALID = "STRIPE_SIGNATURE_INVALID";

	static final String EVENT_INVALID = "STRIPE_EVENT_INVALID";

	/**
	 * Event types the processor acts on (besides every {@code customer.subscription.*}).
	 */
	static final Set<String> ACTED_ON = Set.of("checkout.session.completed", "checkout.session.async_payment_succeeded",
			"checkout.session.expired", "invoice.paid", "invoice.payment_failed");

	private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

	private final StripeGateway stripe;

	private final StripeProperties properties;

	private final StripeInbox inbox;

	private final BillingMetrics metrics;

	private final Clock clock;

	StripeWebhooks(StripeGateway stripe, StripeProperties properties, StripeInbox inbox, BillingMetrics metrics,
			Clock clock) {
		this.stripe = stripe;
		this.properties = properties;
		this.inbox = inbox;
		this.metrics = metrics;
		this.clock = clock;
	}

	static boolean actedOn(String type) {
		return type.startsWith("customer.subscription.") || ACTED_ON.contains(type);
	}

	/**
	 * Checks and stores one delivery.
	 * @return whether it was new ({@code false}: a redelivery, stored before)
	 * @throws ApiException 400 for a bad signature or event, 413 for a body over the cap,
	 * 503 when billing is off
	 */
	boolean receive(byte[] body, String signature) {
		this.stripe.requireOn();
		long max = this.properties.webhookMaxBytes().toBytes();
		if (body != null && body.length > max) {
			this.metrics.webhookRefused();
			throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
					"The request body is larger than " + max + " bytes.");
		}
		if (body == null || body.length == 0 || signature == null || signature.isBlank()) {
			this.metrics.webhookRefused();
			throw signatureInvalid();
		}
		String payload = new String(body, StandardCharsets.UTF_8);
		Event event;
		try {
			event = Webhook.constructEvent(payload, signature, this.properties.webhookSecret().strip(),
					this.properties.webhookTolerance().toSeconds(), this.clock);
		}
		catch (SignatureVerificationException ex) {
			this.metrics.webhookRefused();
			log.warn("Refused a Stripe webhook: {}", ex.getMessage());
			throw signatureInvalid();
		}
		catch (RuntimeException ex) {
			// signed by Stripe, yet not an event Gson can read
			this.metrics.webhookRefused();
			throw eventInvalid();
		}
		if (event == null || event.getId() == null || event.getType() == null || event.getCreated() == null) {
			this.metrics.webhookRefused();
			throw eventInvalid();
		}
		Instant now = this.clock.instant();
		boolean stored = this.inbox.store(event.getId(), event.getType(), payload,
				Instant.ofEpochSecond(event.getCreated()), actedOn(event.getType()), now);
		if (stored) {
			this.metrics.webhookAccepted();
			log.info("Stored Stripe event {} ({})", event.getId(), event.getType());
		}
		else {
			this.metrics.webhookDuplicate();
			log.info("Stripe event {} ({}) was delivered again; stored once", event.getId(), event.getType());
		}
		return stored;
	}

	private static ApiException signatureInvalid() {
		return new ApiException(HttpStatus.BAD_REQUEST, SIGNATURE_INVALID,
				"The Stripe-Signature header is missing, malformed, stale or does not match the body.");
	}

	private static ApiException eventInvalid() {
		return new ApiException(HttpStatus.BAD_REQUEST, EVENT_INVALID, "The body is not a Stripe event.");
	}

}
