package com.gemetrics.command.flip;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which items flips may name: those in {@code market.catalog_item}.
 * <p>
 * The catalogue sync only ever adds or updates rows, never deletes one, so an item found
 * once stays valid: ids found are remembered (at most the catalogue's few thousand), and
 * only an id not yet seen costs a query, so an item added by a later sync, on any
 * instance, is found on its first use. Opening a flip of a known item then makes no round
 * trip for the check (issue 13).
 */
@Repository
class FlipItems {

	private final JdbcTemplate jdbc;

	private final Set<Integer> known = ConcurrentHashMap.newKeySet();

	FlipItems(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(int itemId) {
		if (this.known.contains(itemId)) {
			return true;
		}
		boolean exists = Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM market.catalog_item WHERE item_id = ?)", Boolean.class, itemId));
		if (exists) {
			this.known.add(itemId);
		}
		return exists;
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
		Set<Integer> found = new HashSet<>();
		List<Integer> unseen = new ArrayList<>();
		for (Integer itemId : itemIds) {
			if (this.known.contains(itemId)) {
				found.add(itemId);
			}
			else {
				unseen.add(itemId);
			}
		}
		if (unseen.isEmpty()) {
			return found;
		}
		Integer[] ids = unseen.toArray(Integer[]::new);
		found.addAll(this.jdbc.query((connection) -> {
			var statement = connection
				.prepareStatement("SELECT item_id FROM market.catalog_item WHERE item_id = ANY (?)");
			statement.setArray(1, connection.createArrayOf("integer", ids));
			return statement;
		}, (row, index) -> row.getInt(1)));
		this.known.addAll(found);
		return found;
	}

}
