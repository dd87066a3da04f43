package com.gemetrics.query.pricehistory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.gemetrics.api.price.PricePointView;
import com.gemetrics.api.price.Timestep;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * SQL over {@code read.item_price_history} and {@code read.item_price_history_import}.
 * Writes are idempotent upserts, so a replayed event changes nothing; an upsert that
 * would write the same values leaves the row alone.
 */
@Repository
class PriceHistoryRepository {

	static final int WRITE_BATCH_SIZE = 500;

	private static final String UPSERT = """
			INSERT INTO read.item_price_history AS h
			    (item_id, timestep, ts, avg_high, avg_low, high_volume, low_volume)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (item_id, timestep, ts) DO UPDATE
			SET avg_high = EXCLUDED.avg_high, avg_low = EXCLUDED.avg_low,
			    high_volume = EXCLUDED.high_volume, low_volume = EXCLUDED.low_volume
			WHERE (h.avg_high, h.avg_low, h.high_volume, h.low_volume)
			    IS DISTINCT FROM (EXCLUDED.avg_high, EXCLUDED.avg_low, EXCLUDED.high_volume, EXCLUDED.low_volume)
			""";

	private static final String MARK_IMPORTED = """
			INSERT INTO read.item_price_history_import (item_id, timestep, imported_at, points)
			VALUES (?, ?, ?, ?)
			ON CONFLICT (item_id, timestep) DO UPDATE
			SET imported_at = EXCLUDED.imported_at, points = EXCLUDED.points
			""";

	private final JdbcTemplate jdbc;

	private final PricePartitions partitions;

	PriceHistoryRepository(JdbcTemplate jdbc, PricePartitions partitions) {
		this.jdbc = jdbc;
		this.partitions = partitions;
	}

	/** Inserts or updates the rows, creating the monthly partitions they need first. */
	void upsert(List<PriceHistoryRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		this.partitions.ensureFor(rows.stream().map(PriceHistoryRow::ts).toList());
		this.jdbc.batchUpdate(UPSERT, rows, WRITE_BATCH_SIZE, PriceHistoryRepository::bind);
	}

	void markImported(int itemId, Timestep timestep, Instant importedAt, int points) {
		this.jdbc.update(MARK_IMPORTED, itemId, timestep.code(), utc(importedAt), points);
	}

	boolean isImported(int itemId, Timestep timestep) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM read.item_price_history_import WHERE item_id = ? AND timestep = ?)",
				Boolean.class, itemId, timestep.code()));
	}

	/**
	 * Up to {@code limit} points of one item and timestep, oldest first.
	 * @param from first bucket start included, or {@code null}
	 * @param to bucket start excluded, or {@code null}
	 * @param after only buckets after this start (the keyset cursor), or {@code null}
	 */
	List<PricePointView> page(int itemId, Timestep timestep, Instant from, Instant to, Instant after, int limit) {
		StringBuilder sql = new StringBuilder("SELECT ts, avg_high, avg_low, high_volume, low_volume"
				+ " FROM read.item_price_history WHERE item_id = ? AND timestep = ?");
		List<Object> arguments = new ArrayList<>(List.of(itemId, timestep.code()));
		if (from != null) {
			sql.append(" AND ts >= ?");
			arguments.add(utc(from));
		}
		if (to != null) {
			sql.append(" AND ts < ?");
			arguments.add(utc(to));
		}
		if (after != null) {
			sql.append(" AND ts > ?");
			arguments.add(utc(after));
		}
		sql.append(" ORDER BY ts LIMIT ?");
		arguments.add(limit);
		return this.jdbc.query(sql.toString(), PriceHistoryRepository::point, arguments.toArray());
	}

	/** Empties the read model, for a replay. Partitions stay. */
	void deleteAll() {
		this.jdbc.execute("TRUNCATE read.item_price_history, read.item_price_history_import");
	}

	private static void bind(PreparedStatement statement, PriceHistoryRow row) throws SQLException {
		statement.setInt(1, row.itemId());
		statement.setString(2, row.timestep().code());
		statement.setObject(3, utc(row.ts()));
		statement.setObject(4, row.avgHigh(), Types.BIGINT);
		statement.setObject(5, row.avgLow(), Types.BIGINT);
		statement.setLong(6, row.highVolume());
		statement.setLong(7, row.lowVolume());
	}

	private static PricePointView point(ResultSet rs, int rowNum) throws SQLException {
		return new PricePointView(rs.getObject("ts", OffsetDateTime.class).toInstant(),
				rs.getObject("avg_high", Long.class), rs.getObject("avg_low", Long.class), rs.getLong("high_volume"),
				rs.getLong("low_volume"));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
