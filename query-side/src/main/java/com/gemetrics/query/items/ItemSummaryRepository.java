package com.gemetrics.query.items;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code read.item_summary} and {@code read.market_status} through plain JDBC: the whole
 * table is small (about 4,200 rows, read in milliseconds), so the projection loads it all
 * and writes back only the rows that changed.
 */
@Repository
class ItemSummaryRepository {

	private static final String COLUMNS = "item_id, name, examine, members, buy_limit, low_alch, high_alch, value, icon, "
			+ "high, high_time, low, low_time, tax, margin, roi, profit_per_limit, high_alch_profit, avg_high_5m, "
			+ "avg_low_5m, volume_5m, avg_high_1h, avg_low_1h, volume_1h, prices_updated_at, updated_at";

	private static final String UPSERT = "INSERT INTO read.item_summary (" + COLUMNS + ") VALUES "
			+ "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
			+ "ON CONFLICT (item_id) DO UPDATE SET name = EXCLUDED.name, examine = EXCLUDED.examine, "
			+ "members = EXCLUDED.members, buy_limit = EXCLUDED.buy_limit, low_alch = EXCLUDED.low_alch, "
			+ "high_alch = EXCLUDED.high_alch, value = EXCLUDED.value, icon = EXCLUDED.icon, high = EXCLUDED.high, "
			+ "high_time = EXCLUDED.high_time, low = EXCLUDED.low, low_time = EXCLUDED.low_time, tax = EXCLUDED.tax, "
			+ "margin = EXCLUDED.margin, roi = EXCLUDED.roi, profit_per_limit = EXCLUDED.profit_per_limit, "
			+ "high_alch_profit = EXCLUDED.high_alch_profit, avg_high_5m = EXCLUDED.avg_high_5m, "
			+ "avg_low_5m = EXCLUDED.avg_low_5m, volume_5m = EXCLUDED.volume_5m, avg_high_1h = EXCLUDED.avg_high_1h, "
			+ "avg_low_1h = EXCLUDED.avg_low_1h, volume_1h = EXCLUDED.volume_1h, "
			+ "prices_updated_at = EXCLUDED.prices_updated_at, updated_at = EXCLUDED.updated_at";

	private final JdbcTemplate jdbc;

	ItemSummaryRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Every row, keyed and ordered by item id. */
	Map<Integer, ItemRow> loadAll() {
		Map<Integer, ItemRow> rows = new TreeMap<>();
		this.jdbc.query("SELECT " + COLUMNS + " FROM read.item_summary", (ResultSet rs) -> {
			ItemRow row = map(rs);
			rows.put(row.itemId(), row);
		});
		return rows;
	}

	/** One row, or {@code null}. */
	ItemRow find(int itemId) {
		List<ItemRow> rows = this.jdbc.query("SELECT " + COLUMNS + " FROM read.item_summary WHERE item_id = ?",
				(rs, n) -> map(rs), itemId);
		return rows.isEmpty() ? null : rows.get(0);
	}

	/**
	 * A cheap fingerprint of the table, changed by every write: the row count and the
	 * latest {@code updated_at} in epoch microseconds (see {@link ItemRow#version}).
	 */
	String version() {
		return this.jdbc.queryForObject(
				"SELECT count(*) || '/' || "
						+ "coalesce((extract(epoch FROM max(updated_at)) * 1000000)::bigint, 0) FROM read.item_summary",
				String.class);
	}

	void upsertAll(Collection<ItemRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		List<ItemRow> list = new ArrayList<>(rows);
		this.jdbc.batchUpdate(UPSERT, list, 500, ItemSummaryRepository::bind);
	}

	MarketStatus loadStatus() {
		List<MarketStatus> status = this.jdbc.query(
				"SELECT last_prices_observed_at, last_5m_bucket, last_1h_bucket, last_catalog_synced_at "
						+ "FROM read.market_status WHERE id = 1",
				(rs, n) -> new MarketStatus(instant(rs, 1), instant(rs, 2), instant(rs, 3), instant(rs, 4)));
		return status.isEmpty() ? MarketStatus.NONE : status.get(0);
	}

	void saveStatus(MarketStatus status) {
		this.jdbc.update("INSERT INTO read.market_status (id, last_prices_observed_at, last_5m_bucket, last_1h_bucket, "
				+ "last_catalog_synced_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
				+ "last_prices_observed_at = EXCLUDED.last_prices_observed_at, last_5m_bucket = EXCLUDED.last_5m_bucket, "
				+ "last_1h_bucket = EXCLUDED.last_1h_bucket, last_catalog_synced_at = EXCLUDED.last_catalog_synced_at",
				timestamp(status.lastPricesObservedAt()), timestamp(status.last5mBucket()),
				timestamp(status.last1hBucket()), timestamp(status.lastCatalogSyncedAt()));
	}

	/**
	 * When {@code /latest} last answered well, as the command-side poller recorded it.
	 */
	Instant lastGoodLatestPoll() {
		List<Instant> at = this.jdbc.query("SELECT last_success_at FROM market.poll_status WHERE endpoint = 'latest'",
				(rs, n) -> instant(rs, 1));
		return at.isEmpty() ? null : at.get(0);
	}

	void deleteAll() {
		this.jdbc.update("DELETE FROM read.item_summary");
		this.jdbc.update("DELETE FROM read.market_status");
	}

	private static ItemRow map(ResultSet rs) throws SQLException {
		return new ItemRow(rs.getInt("item_id"), rs.getString("name"), rs.getString("examine"),
				rs.getBoolean("members"), rs.getObject("buy_limit", Integer.class),
				rs.getObject("low_alch", Integer.class), rs.getObject("high_alch", Integer.class),
				rs.getObject("value", Integer.class), rs.getString("icon"), rs.getObject("high", Long.class),
				instant(rs, "high_time"), rs.getObject("low", Long.class), instant(rs, "low_time"),
				rs.getObject("tax", Long.class), rs.getObject("margin", Long.class), rs.getObject("roi", Double.class),
				rs.getObject("profit_per_limit", Long.class), rs.getObject("high_alch_profit", Long.class),
				rs.getObject("avg_high_5m", Long.class), rs.getObject("avg_low_5m", Long.class),
				rs.getObject("volume_5m", Long.class), rs.getObject("avg_high_1h", Long.class),
				rs.getObject("avg_low_1h", Long.class), rs.getObject("volume_1h", Long.class),
				instant(rs, "prices_updated_at"), instant(rs, "updated_at"));
	}

	private static void bind(PreparedStatement ps, ItemRow row) throws SQLException {
		ps.setInt(1, row.itemId());
		ps.setString(2, row.name());
		ps.setString(3, row.examine());
		ps.setBoolean(4, row.members());
		ps.setObject(5, row.buyLimit(), Types.INTEGER);
		ps.setObject(6, row.lowAlch(), Types.INTEGER);
		ps.setObject(7, row.highAlch(), Types.INTEGER);
		ps.setObject(8, row.value(), Types.INTEGER);
		ps.setString(9, row.icon());
		ps.setObject(10, row.high(), Types.BIGINT);
		setTime(ps, 11, timestamp(row.highTime()));
		ps.setObject(12, row.low(), Types.BIGINT);
		setTime(ps, 13, timestamp(row.lowTime()));
		ps.setObject(14, row.tax(), Types.BIGINT);
		ps.setObject(15, row.margin(), Types.BIGINT);
		ps.setObject(16, row.roi(), Types.DOUBLE);
		ps.setObject(17, row.profitPerLimit(), Types.BIGINT);
		ps.setObject(18, row.highAlchProfit(), Types.BIGINT);
		ps.setObject(19, row.avgHigh5m(), Types.BIGINT);
		ps.setObject(20, row.avgLow5m(), Types.BIGINT);
		ps.setObject(21, row.volume5m(), Types.BIGINT);
		ps.setObject(22, row.avgHigh1h(), Types.BIGINT);
		ps.setObject(23, row.avgLow1h(), Types.BIGINT);
		ps.setObject(24, row.volume1h(), Types.BIGINT);
		setTime(ps, 25, timestamp(row.pricesUpdatedAt()));
		setTime(ps, 26, timestamp(row.updatedAt()));
	}

	private static void setTime(PreparedStatement ps, int index, OffsetDateTime at) throws SQLException {
		ps.setObject(index, at, Types.TIMESTAMP_WITH_TIMEZONE);
	}

	private static OffsetDateTime timestamp(Instant at) {
		return (at != null) ? at.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
		return (at != null) ? at.toInstant() : null;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
		return (at != null) ? at.toInstant() : null;
	}

	/**
	 * The row of {@code read.market_status}.
	 *
	 * @param lastPricesObservedAt when the latest applied {@code /latest} poll was
	 * answered
	 * @param last5mBucket start of the latest applied 5-minute bucket
	 * @param last1hBucket start of the latest applied 1-hour bucket
	 * @param lastCatalogSyncedAt when the catalogue was last synced
	 */
	record MarketStatus(Instant lastPricesObservedAt, Instant last5mBucket, Instant last1hBucket,
			Instant lastCatalogSyncedAt) {

		static final MarketStatus NONE = new MarketStatus(null, null, null, null);

	}

}
