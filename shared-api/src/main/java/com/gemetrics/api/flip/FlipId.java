package com.gemetrics.api.flip;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a flip. {@link #toString()} is the raw UUID, because Axon stores it as the
 * aggregate identifier.
 *
 * @param value the UUID
 */
public record FlipId(UUID value) {

	public FlipId {
		Objects.requireNonNull(value, "value");
	}

	public static FlipId of(String value) {
		return new FlipId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
