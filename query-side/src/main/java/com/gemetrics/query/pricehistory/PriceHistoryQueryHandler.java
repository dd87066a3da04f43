package com.gemetrics.query.pricehistory;

import java.time.Instant;
import java.util.List;

import com.gemetrics.api.price.ListPriceHistoryQuery;
import com.gemetrics.api.price.PriceHistoryPage;
import com.gemetrics.api.price.PricePointView;
import com.gemetrics.platform.web.ApiException;
import org.axonframework.queryhandling.QueryHandler;

import org.springframework.stereotype.Component;

/**
 * Answers {@link ListPriceHistoryQuery} from {@code read.item_price_history},
 * keyset-paginated on time.
 */
@Component
class PriceHistoryQueryHandler {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	private final PriceHistoryRepository repository;

	PriceHistoryQueryHandler(PriceHistoryRepository repository) {
		this.repository = repository;
	}

	@QueryHandler
	PriceHistoryPage handle(ListPriceHistoryQuery query) {
		Instant after = (query.cursor() != null) ? after(query) : null;
		int limit = Math.max(1, Math.min(query.limit(), MAX_LIMIT));
		List<PricePointView> points = this.repository.page(query.itemId(), query.timestep(), query.from(), query.to(),
				after, limit + 1);
		String nextCursor = null;
		if (points.size() > limit) {
			points = points.subList(0, limit);
			nextCursor = new PriceHistoryCursor(query.itemId(), query.timestep(), points.get(limit - 1).timestamp())
				.encode();
		}
		return new PriceHistoryPage(query.itemId(), query.timestep().code(), List.copyOf(points), nextCursor);
	}

	private static Instant after(ListPriceHistoryQuery query) {
		return PriceHistoryCursor.decode(query.cursor())
			.filter((cursor) -> cursor.itemId() == query.itemId() && cursor.timestep() == query.timestep())
			.map(PriceHistoryCursor::after)
			.orElseThrow(() -> ApiException.badRequest("INVALID_CURSOR",
					"Parameter 'cursor' is not a cursor issued for this item and timestep."));
	}

}
