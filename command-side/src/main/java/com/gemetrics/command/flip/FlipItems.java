package com.gemetrics.command.flip;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

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

	/**
	 * The given items that are in the catalogue, in one query.
	 * @param itemIds the items asked about
	 * @return those of them that exist
	 */
	Set<Integer> existing(Collection<Integer> itemIds) {
		if (itemIds.isEmpty()) {
			return Set.of();
		}
		Integer[] ids = itemIds.toArray(Integer[]::new);
		return new HashSet<>(this.jdbc.query((connection) -> {
			var statement = connection
				.prepareStatement("SELECT item_id FROM market.catalog_item WHERE item_id = ANY (?)");
			statement.setArray(1, connection.createArrayOf("integer", ids));
			return statement;
		}, (row, index) -> row.getInt(1)));
	}

}
