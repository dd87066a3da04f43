package com.gemetrics.command.billing;

/**
 * A Stripe call that did not succeed: Stripe unreachable or slow past the deadline, the
 * lane full, or an answer we cannot use. The reason names the call, Stripe's status and
 * error code, never a key or personal data.
 */
class StripeCallFailed extends RuntimeException {

	private final boolean permanent;

	StripeCallFailed(String reason, boolean permanent, Throwable cause) {
		super(reason, cause);
		this.permanent = permanent;
	}

	/**
	 * Whether trying again cannot help (Stripe says the object does not exist or the
	 * request is malformed).
	 */
	boolean permanent() {
		return this.permanent;
	}

}
