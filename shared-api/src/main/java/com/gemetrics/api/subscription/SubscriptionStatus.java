package com.gemetrics.api.subscription;

import java.util.Locale;

/**
 * A subscription's status as Stripe names it, plus {@link #NONE} for a user who never
 * subscribed. {@link #wire()} is Stripe's lower-case name, as the API answers it.
 */
public enum SubscriptionStatus {

	NONE, INCOMPLETE, INCOMPLETE_EXPIRED, TRIALING, ACTIVE, PAST_DUE, CANCELED, UNPAID, PAUSED;

	/**
	 * The status Stripe sends as {@code status}.
	 * @throws IllegalArgumentException for a name Stripe does not use
	 */
	public static SubscriptionStatus fromStripe(String value) {
		if (value == null || value.isBlank() || "none".equalsIgnoreCase(value)) {
			throw new IllegalArgumentException("not a Stripe subscription status: " + value);
		}
		return valueOf(value.strip().toUpperCase(Locale.ROOT));
	}

	/** Stripe's lower-case name ({@code past_due}, {@code none}, ...). */
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

}
