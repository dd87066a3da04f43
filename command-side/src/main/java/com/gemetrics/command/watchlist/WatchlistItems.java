package com.gemetrics.command.watchlist;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which items a watchlist may hold: those in {@code market.catalog_item}. */
@Repository
class WatchlistItems {

	private final JdbcTemplate jdbc;

	WatchlistItems(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(int itemId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM market.catalog_item WHERE item_id = ?)", Boolean.class, itemId));
	}

}
