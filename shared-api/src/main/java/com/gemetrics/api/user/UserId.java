package com.gemetrics.api.user;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a user. {@link #toString()} is the raw UUID, because Axon stores it as the
 * aggregate identifier.
 *
 * @param value the UUID
 */
public record UserId(UUID value) {

	public UserId {
		Objects.requireNonNull(value, "value");
	}

	public static UserId of(String value) {
		return new UserId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
