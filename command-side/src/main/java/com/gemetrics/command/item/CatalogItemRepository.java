package com.gemetrics.command.item;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.gemetrics.api.item.CatalogItem;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code market.catalog_item}: the catalogue as last synced. */
@Repository
class CatalogItemRepository {

	static final int BATCH_SIZE = 1000;

	private final JdbcTemplate jdbc;

	CatalogItemRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Map<Integer, CatalogItem> findAll() {
		Map<Integer, CatalogItem> items = new HashMap<>();
		this.jdbc.query("""
				SELECT item_id, name, examine, members, buy_limit, low_alch, high_alch, value, icon
				FROM market.catalog_item
				""", rs -> {
			int id = rs.getInt("item_id");
			items.put(id,
					new CatalogItem(id, rs.getString("name"), rs.getString("examine"), rs.getBoolean("members"),
							rs.getObject("buy_limit", Integer.class), rs.getObject("low_alch", Integer.class),
							rs.getObject("high_alch", Integer.class), rs.getObject("value", Integer.class),
							rs.getString("icon")));
		});
		return items;
	}

	void upsert(List<CatalogItem> items, Instant syncedAt) {
		this.jdbc.batchUpdate("""
				INSERT INTO market.catalog_item
					(item_id, name, examine, members, buy_limit, low_alch, high_alch, value, icon, synced_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (item_id) DO UPDATE SET name = EXCLUDED.name, examine = EXCLUDED.examine,
					members = EXCLUDED.members, buy_limit = EXCLUDED.buy_limit, low_alch = EXCLUDED.low_alch,
					high_alch = EXCLUDED.high_alch, value = EXCLUDED.value, icon = EXCLUDED.icon,
					synced_at = EXCLUDED.synced_at
				""", items, BATCH_SIZE, (ps, item) -> {
			ps.setInt(1, item.id());
			ps.setString(2, item.name());
			ps.setString(3, item.examine());
			ps.setBoolean(4, item.members());
			ps.setObject(5, item.limit(), Types.INTEGER);
			ps.setObject(6, item.lowAlch(), Types.INTEGER);
			ps.setObject(7, item.highAlch(), Types.INTEGER);
			ps.setObject(8, item.value(), Types.INTEGER);
			ps.setString(9, item.icon());
			ps.setObject(10, syncedAt.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
		});
	}

	/** Serializes catalogue syncs across instances until this transaction ends. */
	void lockForTransaction() {
		this.jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('ge.market.catalog_item'))");
	}

}
