package com.gemetrics.query.pricehistory;

import com.gemetrics.api.price.PriceHistoryImportedEvent;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

import org.springframework.stereotype.Component;

/**
 * Projects completed {@code /5m} and {@code /1h} buckets and imported {@code /timeseries}
 * history into {@code read.item_price_history}, one row per item, timestep and bucket
 * start. Both events upsert, so a bucket seen live and again in an import is stored once,
 * and a replay stores nothing twice.
 */
@Component
@ProcessingGroup(PriceHistoryProjection.GROUP)
class PriceHistoryProjection {

	static final String GROUP = "price-history";

	private final PriceHistoryRepository repository;

	PriceHistoryProjection(PriceHistoryRepository repository) {
		this.repository = repository;
	}

	@EventHandler
	void on(VolumeWindowObservedEvent event) {
		this.repository.upsert(event.items()
			.stream()
			.map((average) -> PriceHistoryRow.of(event.timestep(), event.bucketStart(), average))
			.toList());
	}

	@EventHandler
	void on(PriceHistoryImportedEvent event) {
		this.repository.upsert(event.points()
			.stream()
			.map((point) -> PriceHistoryRow.of(event.itemId(), event.timestep(), point))
			.toList());
		this.repository.markImported(event.itemId(), event.timestep(), event.importedAt(), event.points().size());
	}

	@ResetHandler
	void reset() {
		this.repository.deleteAll();
	}

}
