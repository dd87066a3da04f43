package com.gemetrics.command.billing;

import org.springframework.http.HttpStatus;

/** The billing rules a request can break, each with its HTTP status and stable code. */
enum SubscriptionError {

	/** The plan is not one of ours. */
	UNKNOWN_PLAN(HttpStatus.BAD_REQUEST, "The plan must be PREMIUM_MONTHLY or PREMIUM_YEARLY."),

	/** FREE cannot be bought. */
	PLAN_NOT_PURCHASABLE(HttpStatus.UNPROCESSABLE_ENTITY, "Only PREMIUM_MONTHLY and PREMIUM_YEARLY can be bought."),

	/**
	 * A subscription of the user's is live (active, trialing, past due, unpaid or
	 * paused): it is changed, resumed or ended in the billing portal, not bought again.
	 */
	SUBSCRIPTION_ALREADY_ACTIVE(HttpStatus.CONFLICT,
			"You already have a subscription: change or end it in the billing portal (POST /api/v1/billing/portal-sessions)."),

	/** The user never opened a checkout, so Stripe knows no customer of theirs. */
	BILLING_ACCOUNT_NOT_FOUND(HttpStatus.NOT_FOUND,
			"You have no billing account yet: subscribe first (POST /api/v1/billing/checkout-sessions)."),

	/** Billing needs a verified e-mail address (Stripe mails receipts to it). */
	EMAIL_NOT_VERIFIED(HttpStatus.FORBIDDEN, "Verify your e-mail address before subscribing."),

	/**
	 * A command named a subscription that belongs to another user (a bug, never a user
	 * error).
	 */
	NOT_THE_OWNER(HttpStatus.CONFLICT, "The subscription belongs to another user.");

	private final HttpStatus status;

	private final String detail;

	SubscriptionError(HttpStatus status, String detail) {
		this.status = status;
		this.detail = detail;
	}

	HttpStatus status() {
		return this.status;
	}

	String detail() {
		return this.detail;
	}

}
