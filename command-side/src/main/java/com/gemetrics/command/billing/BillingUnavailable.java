package com.gemetrics.command.billing;

import com.gemetrics.platform.web.ApiException;

import org.springframework.http.HttpStatus;

/** 503 {@code BILLING_UNAVAILABLE}: billing is off, or Stripe cannot be reached. */
class BillingUnavailable extends ApiException {

	static final String CODE = "BILLING_UNAVAILABLE";

	BillingUnavailable(String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, CODE, detail);
	}

	static BillingUnavailable off() {
		return new BillingUnavailable("Billing is not available on this server.");
	}

	static BillingUnavailable stripeDown() {
		return new BillingUnavailable("Stripe cannot be reached right now; try again shortly.");
	}

}
