package com.gemetrics.command.billing;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook endpoint: no access token (Stripe signs its requests instead), rate
 * limited by client IP like every public endpoint. The body is read raw, as signed.
 */
@RestController
class StripeWebhookController {

	static final String PATH = "/api/v1/billing/stripe-webhooks";

	private final StripeWebhooks webhooks;

	StripeWebhookController(StripeWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping(PATH)
	@Operation(summary = "Stripe webhook: stores a signed event for processing; 400 STRIPE_SIGNATURE_INVALID")
	ResponseEntity<WebhookReceipt> receive(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = StripeWebhooks.SIGNATURE_HEADER, required = false) String signature) {
		boolean stored = this.webhooks.receive(body, signature);
		return ResponseEntity.ok(new WebhookReceipt(true, !stored));
	}

	/**
	 * The answer Stripe gets.
	 *
	 * @param received always true: the event is stored
	 * @param duplicate whether it had been stored before
	 */
	record WebhookReceipt(boolean received, boolean duplicate) {
	}

}
