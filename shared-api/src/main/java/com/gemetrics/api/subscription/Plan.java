package com.gemetrics.api.subscription;

/** What a user pays for. Which Stripe price stands for a paid plan is configuration. */
public enum Plan {

	/** No subscription, or none in force. */
	FREE,

	/** Premium, billed monthly. */
	PREMIUM_MONTHLY,

	/** Premium, billed yearly. */
	PREMIUM_YEARLY;

	public boolean paid() {
		return this != FREE;
	}

}
