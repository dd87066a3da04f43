package com.gemetrics.api.price;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * A fact that an item's past prices were imported from {@code /timeseries}.
 *
 * @param itemId the item id
 * @param timestep the bucket length of the points
 * @param importedAt when the import ran
 * @param points the points, oldest first
 */
@Revision("1")
public record PriceHistoryImportedEvent(int itemId, Timestep timestep, Instant importedAt, List<HistoryPoint> points) {

	public PriceHistoryImportedEvent {
		points = List.copyOf(points);
	}

}
