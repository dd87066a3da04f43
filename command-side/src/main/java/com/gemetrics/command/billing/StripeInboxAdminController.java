package com.gemetrics.command.billing;

import java.time.Clock;
import java.util.List;

import com.gemetrics.command.billing.StripeInbox.InboxRow;
import com.gemetrics.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins (the {@code /api/v1/admin/**} rule): the Stripe events that were given up, or
 * are waiting, with why; and a retry once the cause is fixed (a price id set right, a
 * customer tied to a user). Payloads are never shown.
 */
@RestController
@Validated
@RequestMapping("/api/v1/admin/billing/stripe-events")
class StripeInboxAdminController {

	private final StripeInbox inbox;

	private final Clock clock;

	StripeInboxAdminController(StripeInbox inbox, Clock clock) {
		this.inbox = inbox;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "Admins: Stripe events given up (state=dead) or waiting (state=pending), newest first")
	InboxPage list(@RequestParam(defaultValue = "dead") @Pattern(regexp = "dead|pending") String state,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		return new InboxPage(this.inbox.list("dead".equals(state), limit));
	}

	@PostMapping("/{eventId}/retries")
	@Operation(summary = "Admins: process a dead or waiting Stripe event again now")
	ResponseEntity<Void> retry(@PathVariable @Pattern(regexp = "evt_[A-Za-z0-9]{1,100}") String eventId) {
		if (!this.inbox.retryNow(eventId, this.clock.instant())) {
			throw ApiException.notFound("NO_SUCH_STRIPE_EVENT", "No dead or waiting Stripe event with this id.");
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).build();
	}

	/**
	 * @param items the events, newest first
	 */
	record InboxPage(List<InboxRow> items) {
	}

}
