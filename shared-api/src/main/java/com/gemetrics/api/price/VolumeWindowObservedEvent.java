package com.gemetrics.api.price;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * A fact that a completed {@code /5m} or {@code /1h} bucket was read. Each bucket is
 * recorded once. Only items traded in the window appear; the rest traded nothing.
 *
 * @param timestep the window length
 * @param bucketStart the start of the bucket (the response's {@code timestamp})
 * @param items averages and volumes of the items traded in the bucket
 */
@Revision("1")
public record VolumeWindowObservedEvent(Timestep timestep, Instant bucketStart, List<WindowAverage> items) {

	public VolumeWindowObservedEvent {
		items = List.copyOf(items);
	}

}
