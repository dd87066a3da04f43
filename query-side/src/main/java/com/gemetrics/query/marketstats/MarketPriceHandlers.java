package com.gemetrics.query.marketstats;

import com.gemetrics.api.item.ItemCatalogSyncedEvent;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceHistoryImportedEvent;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import org.springframework.stereotype.Component;

/**
 * The events that change the market overview, seen by the processors whose tables it is
 * computed from: each marks the cached overview stale once its batch committed.
 */
final class MarketPriceHandlers {

	private MarketPriceHandlers() {
	}

	/**
	 * Beside the items projection (processing group {@code items}): latest prices,
	 * volumes and names feed the margin and volume rankings.
	 */
	@Component
	@ProcessingGroup("items")
	static class ItemsMoves {

		private final PriceMoves moves;

		ItemsMoves(PriceMoves moves) {
			this.moves = moves;
		}

		@EventHandler
		void on(LatestPricesObservedEvent event) {
			this.moves.moved();
		}

		@EventHandler
		void on(VolumeWindowObservedEvent event) {
			this.moves.moved();
		}

		@EventHandler
		void on(ItemCatalogSyncedEvent event) {
			this.moves.moved();
		}

	}

	/**
	 * Beside the price-history projection (processing group {@code price-history}):
	 * hourly buckets feed the movers.
	 */
	@Component
	@ProcessingGroup("price-history")
	static class HistoryMoves {

		private final PriceMoves moves;

		HistoryMoves(PriceMoves moves) {
			this.moves = moves;
		}

		@EventHandler
		void on(VolumeWindowObservedEvent event) {
			if (event.timestep() == Timestep.ONE_HOUR) {
				this.moves.moved();
			}
		}

		@EventHandler
		void on(PriceHistoryImportedEvent event) {
			if (event.timestep() == Timestep.ONE_HOUR) {
				this.moves.moved();
			}
		}

	}

}
