package com.gemetrics.api.subscription;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a subscription aggregate: its own id, never the user's. {@link #toString()}
 * is {@code subscription-<uuid>}, the aggregate identifier Axon stores.
 *
 * @param value the UUID
 */
public record SubscriptionId(UUID value) {

	private static final String PREFIX = "subscription-";

	public SubscriptionId {
		Objects.requireNonNull(value, "value");
	}

	public static SubscriptionId random() {
		return new SubscriptionId(UUID.randomUUID());
	}

	public static SubscriptionId of(String value) {
		if (value == null || !value.startsWith(PREFIX)) {
			throw new IllegalArgumentException("not a subscription id");
		}
		return new SubscriptionId(UUID.fromString(value.substring(PREFIX.length())));
	}

	@Override
	public String toString() {
		return PREFIX + this.value;
	}

}
