package com.gemetrics.command.billing;

import java.net.URI;

import com.gemetrics.api.user.UserId;
import com.gemetrics.command.billing.StripeGateway.CheckoutSession;
import com.gemetrics.platform.security.CallerArgumentResolver;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's billing: a Checkout session to subscribe, a portal session to change, pay
 * or end the subscription. Needs a verified e-mail address (the {@code USER} role, which
 * verification grants): 403 {@code EMAIL_NOT_VERIFIED} before.
 */
@RestController
@RequestMapping("/api/v1/billing")
class BillingController {

	static final String VERIFIED = "ROLE_USER";

	private final Checkouts checkouts;

	BillingController(Checkouts checkouts) {
		this.checkouts = checkouts;
	}

	@PostMapping("/checkout-sessions")
	@Operation(summary = "Opens a Stripe Checkout session for PREMIUM_MONTHLY or PREMIUM_YEARLY; 201 {id, url}")
	ResponseEntity<CheckoutSessionResponse> checkout(@Valid @RequestBody CheckoutSessionRequest request,
			Authentication caller) {
		CheckoutSession session = this.checkouts.start(verifiedUser(caller), request.plan());
		return ResponseEntity.created(URI.create(session.url()))
			.body(new CheckoutSessionResponse(session.id(), session.url()));
	}

	@PostMapping("/portal-sessions")
	@Operation(summary = "Opens a Stripe billing portal session; 201 {url}")
	ResponseEntity<PortalSessionResponse> portal(Authentication caller) {
		String url = this.checkouts.portal(verifiedUser(caller));
		return ResponseEntity.created(URI.create(url)).body(new PortalSessionResponse(url));
	}

	private static UserId verifiedUser(Authentication caller) {
		UserId userId = CallerArgumentResolver.callerOf(caller);
		if (caller.getAuthorities().stream().noneMatch((authority) -> VERIFIED.equals(authority.getAuthority()))) {
			throw new SubscriptionRejected(SubscriptionError.EMAIL_NOT_VERIFIED);
		}
		return userId;
	}

	/**
	 * @param plan {@code PREMIUM_MONTHLY} or {@code PREMIUM_YEARLY}
	 */
	record CheckoutSessionRequest(@NotBlank @Size(max = 32) String plan) {
	}

	/**
	 * @param id the Checkout session ({@code cs_...})
	 * @param url where to send the user
	 */
	record CheckoutSessionResponse(String id, String url) {
	}

	/**
	 * @param url where to send the user
	 */
	record PortalSessionResponse(String url) {
	}

}
