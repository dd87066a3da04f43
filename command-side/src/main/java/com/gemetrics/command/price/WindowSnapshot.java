package com.gemetrics.command.price;

import java.time.Instant;
import java.util.List;

import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.WindowAverage;

/**
 * A validated {@code /5m} or {@code /1h} response.
 *
 * @param timestep the window length
 * @param bucketStart the start of the bucket (the response's {@code timestamp})
 * @param items the valid entries
 */
record WindowSnapshot(Timestep timestep, Instant bucketStart, List<WindowAverage> items) {

	WindowSnapshot {
		items = List.copyOf(items);
	}

}
