package com.gemetrics.query.marketstats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.gemetrics.api.item.FindMarketStatsQuery;
import com.gemetrics.api.item.ItemPage;
import com.gemetrics.api.item.ItemSort;
import com.gemetrics.api.item.ItemView;
import com.gemetrics.api.item.ListItemsQuery;
import com.gemetrics.api.item.MarketStatsView;
import com.gemetrics.api.item.MarketStatsView.Mover;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;

import org.springframework.stereotype.Component;

/**
 * The market overview. Rankings over the items come from the items read model through the
 * {@link QueryGateway} (top margins among items traded in the last hour, top 1-hour
 * volume); price moves over 1 h and 24 h come from the price history. Answers are shared
 * by every instance through {@link MarketStatsCache} (Redis; an hour while prices do not
 * move, recomputed once they do), or computed here when Redis is unreachable.
 */
@Component
class MarketStatsQueryHandler {

	private final QueryGateway queryGateway;

	private final MoversRepository movers;

	private final MarketStatsProperties properties;

	private final Clock clock;

	private final MarketStatsCache cache;

	MarketStatsQueryHandler(QueryGateway queryGateway, MoversRepository movers, MarketStatsProperties properties,
			Clock clock, MarketStatsCache cache) {
		this.queryGateway = queryGateway;
		this.movers = movers;
		this.properties = properties;
		this.clock = clock;
		this.cache = cache;
	}

	@QueryHandler
	MarketStatsView handle(FindMarketStatsQuery query) {
		int limit = Math.max(1, Math.min(query.limit(), this.properties.maxLimit()));
		return this.cache.get(limit, () -> compute(limit));
	}

	private MarketStatsView compute(int limit) {
		Instant now = this.clock.instant();
		List<ItemView> topMargins = rank(ItemSort.MARGIN, limit).stream()
			.filter((view) -> view.margin() != null)
			.toList();
		List<ItemView> topVolume = rank(ItemSort.VOLUME, limit);
		List<Mover> hour = movers(Duration.ofHours(1));
		List<Mover> day = movers(Duration.ofHours(24));
		return new MarketStatsView(topMargins, topVolume, up(hour, limit), down(hour, limit), up(day, limit),
				down(day, limit), now);
	}

	/** The top items by {@code sort} among those traded in the last hour. */
	private List<ItemView> rank(ItemSort sort, int limit) {
		ItemPage page = this.queryGateway
			.query(new ListItemsQuery(null, null, null, null, 1L, null, sort, true, null, limit),
					ResponseTypes.instanceOf(ItemPage.class))
			.join();
		return page.items();
	}

	private List<Mover> movers(Duration period) {
		return this.movers.moves(period, this.properties.minMoverVolume())
			.stream()
			.filter((move) -> move.from() != null && move.to() != null && move.from() > 0)
			.map((move) -> new Mover(move.itemId(), move.name(), move.from(), move.to(),
					(double) (move.to() - move.from()) / move.from()))
			.toList();
	}

	private static List<Mover> up(List<Mover> moves, int limit) {
		return moves.stream()
			.filter((move) -> move.change() > 0)
			.sorted(Comparator.comparingDouble(Mover::change).reversed().thenComparingInt(Mover::id))
			.limit(limit)
			.toList();
	}

	private static List<Mover> down(List<Mover> moves, int limit) {
		return moves.stream()
			.filter((move) -> move.change() < 0)
			.sorted(Comparator.comparingDouble(Mover::change).thenComparingInt(Mover::id))
			.limit(limit)
			.toList();
	}

}
