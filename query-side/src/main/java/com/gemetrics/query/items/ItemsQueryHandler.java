package com.gemetrics.query.items;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.gemetrics.api.item.FindItemQuery;
import com.gemetrics.api.item.ItemPage;
import com.gemetrics.api.item.ItemSort;
import com.gemetrics.api.item.ItemView;
import com.gemetrics.api.item.ListItemsQuery;
import com.gemetrics.platform.web.ApiException;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Answers item queries from this instance's snapshot: filtered, sorted and
 * keyset-paginated in memory. Without a snapshot, one item is looked up in Redis, then in
 * Postgres.
 */
@Component
class ItemsQueryHandler {

	private static final Logger log = LoggerFactory.getLogger(ItemsQueryHandler.class);

	private final ItemsSnapshots snapshots;

	private final ItemsRedisStore redis;

	private final ItemSummaryRepository repository;

	private final ItemsStaleness staleness;

	private final RedisFallbacks fallbacks;

	private final ItemsProperties properties;

	ItemsQueryHandler(ItemsSnapshots snapshots, ItemsRedisStore redis, ItemSummaryRepository repository,
			ItemsStaleness staleness, RedisFallbacks fallbacks, ItemsProperties properties) {
		this.snapshots = snapshots;
		this.redis = redis;
		this.repository = repository;
		this.staleness = staleness;
		this.fallbacks = fallbacks;
		this.properties = properties;
	}

	@QueryHandler
	ItemPage handle(ListItemsQuery query) {
		if (query.limit() < 1 || query.limit() > this.properties.maxPageSize()) {
			throw ApiException.badRequest("INVALID_LIMIT",
					"limit must be between 1 and " + this.properties.maxPageSize() + ".");
		}
		ItemSort sort = (query.sort() != null) ? query.sort() : ItemSort.ID;
		ItemCursor cursor = (query.cursor() != null) ? ItemCursor.decode(query.cursor(), sort, query.descending())
				: null;
		String name = (query.name() != null) ? query.name().toLowerCase(Locale.ROOT) : null;
		List<ItemView> page = new ArrayList<>(query.limit());
		int total = 0;
		boolean more = false;
		for (ItemView view : snapshot().sorted(sort, query.descending())) {
			if (!matches(view, query, name)) {
				continue;
			}
			total++;
			if (cursor != null && ItemOrder.compare(ItemOrder.key(view, sort), view.id(), cursor.key(), cursor.id(),
					query.descending()) <= 0) {
				continue;
			}
			if (page.size() < query.limit()) {
				page.add(view);
			}
			else {
				more = true;
			}
		}
		String next = more ? ItemCursor.after(page.get(page.size() - 1), sort, query.descending()).encode() : null;
		return new ItemPage(page, next, total);
	}

	@QueryHandler
	ItemView handle(FindItemQuery query) {
		ItemsSnapshot snapshot = this.snapshots.current();
		if (snapshot != null) {
			return snapshot.item(query.itemId());
		}
		try {
			ItemView view = this.redis.readItem(query.itemId());
			if (view != null) {
				return view.withStale(this.staleness.isStale());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Cannot read item {} from Redis, reading Postgres: {}", query.itemId(), ex.toString());
		}
		this.fallbacks.count(RedisFallbacks.ITEM_READ);
		ItemRow row = this.repository.find(query.itemId());
		return (row != null) ? row.toView().withStale(this.staleness.isStale()) : null;
	}

	private ItemsSnapshot snapshot() {
		ItemsSnapshot snapshot = this.snapshots.currentOrLoad();
		if (snapshot == null) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "ITEMS_UNAVAILABLE",
					"The item list cannot be read right now.");
		}
		return snapshot;
	}

	private static boolean matches(ItemView view, ListItemsQuery query, String name) {
		return (query.members() == null || query.members() == view.members())
				&& (name == null || (view.name() != null && view.name().toLowerCase(Locale.ROOT).contains(name)))
				&& within(view.high(), query.minPrice(), query.maxPrice())
				&& within(view.volume1h(), query.minVolume(), query.maxVolume());
	}

	private static boolean within(Long value, Long min, Long max) {
		if (min == null && max == null) {
			return true;
		}
		return value != null && (min == null || value >= min) && (max == null || value <= max);
	}

}
