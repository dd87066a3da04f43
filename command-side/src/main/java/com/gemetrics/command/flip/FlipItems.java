package com.gemetrics.command.flip;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which items flips may name: those in {@code market.catalog_item}. */
@Repository
class FlipItems {

	private final JdbcTemplate jdbc;

	FlipItems(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(int itemId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM market.catalog_item WHERE item_id = ?)", Boolean.class, itemId));
	}

}
