package com.gemetrics.query.rollups;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rollups' writes: the daily tables and the projection's own memory (each flip's
 * ledger with its version, the buckets counted, each watchlist's version).
 */
@Repository
class RollupsRepository {

	private static final String FLIP_DAILY_UPSERT = """
			INSERT INTO read.flip_daily AS d (day, item_id, flips_opened, flips_closed, sales, items_bought, items_sold,
			  items_written_off, cost, revenue, tax_paid, realized_profit)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (day, item_id) DO UPDATE SET
			  flips_opened = d.flips_opened + EXCLUDED.flips_opened,
			  flips_closed = d.flips_closed + EXCLUDED.flips_closed,
			  sales = d.sales + EXCLUDED.sales,
			  items_bought = d.items_bought + EXCLUDED.items_bought,
			  items_sold = d.items_sold + EXCLUDED.items_sold,
			  items_written_off = d.items_written_off + EXCLUDED.items_written_off,
			  cost = d.cost + EXCLUDED.cost,
			  revenue = d.revenue + EXCLUDED.revenue,
			  tax_paid = d.tax_paid + EXCLUDED.tax_paid,
			  realized_profit = d.realized_profit + EXCLUDED.realized_profit
			""";

	private static final String FLIP_DAILY_PRUNE = """
			DELETE FROM read.flip_daily WHERE day = ? AND item_id = ?
			  AND flips_opened = 0 AND flips_closed = 0 AND sales = 0 AND items_bought = 0 AND items_sold = 0
			  AND items_written_off = 0 AND cost = 0 AND revenue = 0 AND tax_paid = 0 AND realized_profit = 0
			""";

	private static final String ITEM_DAILY_ADD = """
			INSERT INTO read.item_daily AS d (day, item_id, timestep, buckets, high_volume, low_volume, high_value,
			  low_value)
			SELECT ?, u.item_id, ?, 1, u.high_volume, u.low_volume, u.high_value, u.low_value
			FROM unnest(?::INTEGER[], ?::NUMERIC[], ?::NUMERIC[], ?::NUMERIC[], ?::NUMERIC[])
			  AS u(item_id, high_volume, low_volume, high_value, low_value)
			ON CONFLICT (day, item_id, timestep) DO UPDATE SET
			  buckets = d.buckets + 1,
			  high_volume = d.high_volume + EXCLUDED.high_volume,
			  low_volume = d.low_volume + EXCLUDED.low_volume,
			  high_value = d.high_value + EXCLUDED.high_value,
			  low_value = d.low_value + EXCLUDED.low_value
			RETURNING item_id, high_volume, high_value, low_volume, low_value
			""";

	private final JdbcTemplate jdbc;

	private final ObjectMapper json;

	RollupsRepository(JdbcTemplate jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The flip's ledger and last applied version, if the rollups know it. */
	Optional<Versioned<FlipLedger>> flip(UUID flipId) {
		return this.jdbc
			.query("SELECT version, state::TEXT AS state FROM read.rollup_flips WHERE flip_id = ?",
					(rs, n) -> new Versioned<>(rs.getLong("version"), read(rs.getString("state"))), flipId)
			.stream()
			.findFirst();
	}

	/**
	 * Stores the flip's new ledger and adds the difference of its contributions to
	 * {@code read.flip_daily}; a day left with nothing leaves the table (only a
	 * difference that lowers a count can leave it so: every row holds a positive count).
	 */
	void saveFlip(UUID flipId, FlipLedger before, FlipLedger after, long version) {
		this.jdbc.update("""
				INSERT INTO read.rollup_flips (flip_id, version, state) VALUES (?, ?, ?::JSONB)
				ON CONFLICT (flip_id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state
				""", flipId, version, write(after));
		Map<LocalDate, FlipFigures> old = (before != null) ? before.contributions() : Map.of();
		Map<LocalDate, FlipFigures> now = after.contributions();
		Map<LocalDate, FlipFigures> deltas = new TreeMap<>();
		for (LocalDate day : union(old.keySet(), now.keySet())) {
			FlipFigures delta = now.getOrDefault(day, FlipFigures.ZERO).minus(old.getOrDefault(day, FlipFigures.ZERO));
			if (!delta.isZero()) {
				deltas.put(day, delta);
			}
		}
		for (Map.Entry<LocalDate, FlipFigures> entry : deltas.entrySet()) {
			FlipFigures d = entry.getValue();
			LocalDate day = entry.getKey();
			this.jdbc.update(FLIP_DAILY_UPSERT, day, after.itemId(), d.flipsOpened(), d.flipsClosed(), d.sales(),
					decimal(d.itemsBought()), decimal(d.itemsSold()), decimal(d.itemsWrittenOff()), decimal(d.cost()),
					decimal(d.revenue()), decimal(d.taxPaid()), decimal(d.realizedProfit()));
			if (d.lowersACount()) {
				this.jdbc.update(FLIP_DAILY_PRUNE, day, after.itemId());
			}
		}
	}

	/** Records that a bucket is counted; {@code false} if it was already. */
	boolean claimBucket(String timestep, Instant bucketStart) {
		return this.jdbc.update("""
				INSERT INTO read.rollup_buckets (timestep, bucket_start) VALUES (?, ?) ON CONFLICT DO NOTHING
				""", timestep, Timestamp.from(bucketStart)) == 1;
	}

	/**
	 * Adds one bucket's items to their day, then recomputes the averages, tax and margin
	 * of the rows it changed.
	 */
	void addBucket(LocalDate day, String timestep, Collection<ItemBucket> items) {
		if (items.isEmpty()) {
			return;
		}
		List<Object[]> derived = new ArrayList<>();
		this.jdbc.query((connection) -> {
			var statement = connection.prepareStatement(ITEM_DAILY_ADD);
			statement.setObject(1, day);
			statement.setString(2, timestep);
			statement.setArray(3, connection.createArrayOf("integer",
					items.stream().map(ItemBucket::itemId).toArray(Integer[]::new)));
			statement.setArray(4, numeric(connection, items.stream().map(ItemBucket::highVolume)));
			statement.setArray(5, numeric(connection, items.stream().map(ItemBucket::lowVolume)));
			statement.setArray(6, numeric(connection, items.stream().map(ItemBucket::highValue)));
			statement.setArray(7, numeric(connection, items.stream().map(ItemBucket::lowValue)));
			return statement;
		}, (rs) -> {
			int itemId = rs.getInt("item_id");
			ItemDayFigures figures = ItemDayFigures.of(itemId, day, rs.getBigDecimal("high_volume"),
					rs.getBigDecimal("high_value"), rs.getBigDecimal("low_volume"), rs.getBigDecimal("low_value"));
			derived.add(new Object[] { figures.avgHigh(), figures.avgLow(), figures.tax(), figures.margin(), day,
					itemId, timestep });
		});
		this.jdbc.batchUpdate("""
				UPDATE read.item_daily SET avg_high = ?, avg_low = ?, tax = ?, margin = ?
				WHERE day = ? AND item_id = ? AND timestep = ?
				""", derived);
	}

	/**
	 * Counts an alert of the watchlist if its sequence number is new there; {@code false}
	 * if it was applied already.
	 */
	boolean countAlert(String watchlistId, long sequence, LocalDate day, int itemId, String type) {
		int applied = this.jdbc.update("""
				INSERT INTO read.rollup_watchlists (watchlist_id, version) VALUES (?, ?)
				ON CONFLICT (watchlist_id) DO UPDATE SET version = EXCLUDED.version
				WHERE read.rollup_watchlists.version < EXCLUDED.version
				""", watchlistId, sequence);
		if (applied == 0) {
			return false;
		}
		this.jdbc.update("""
				INSERT INTO read.alert_daily AS d (day, item_id, type, alerts) VALUES (?, ?, ?, 1)
				ON CONFLICT (day, item_id, type) DO UPDATE SET alerts = d.alerts + 1
				""", day, itemId, type);
		return true;
	}

	/** Empties every rollup, for a replay. */
	void deleteAll() {
		this.jdbc.execute("TRUNCATE read.item_daily, read.flip_daily, read.alert_daily, read.rollup_flips, "
				+ "read.rollup_buckets, read.rollup_watchlists");
	}

	private FlipLedger read(String state) {
		try {
			return this.json.readValue(state, FlipLedger.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable rollup state", ex);
		}
	}

	private String write(FlipLedger ledger) {
		try {
			return this.json.writeValueAsString(ledger);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unwritable rollup state", ex);
		}
	}

	private static Array numeric(java.sql.Connection connection, java.util.stream.Stream<BigInteger> values)
			throws java.sql.SQLException {
		return connection.createArrayOf("numeric", values.map(BigDecimal::new).toArray(BigDecimal[]::new));
	}

	private static BigDecimal decimal(BigInteger value) {
		return new BigDecimal(value);
	}

	private static TreeSet<LocalDate> union(Collection<LocalDate> a, Collection<LocalDate> b) {
		TreeSet<LocalDate> all = new TreeSet<>(a);
		all.addAll(b);
		return all;
	}

	/**
	 * A stored value with the sequence number of the event that left it.
	 *
	 * @param <T> the value's type
	 * @param version the aggregate sequence number last applied
	 * @param value the value
	 */
	record Versioned<T>(long version, T value) {
	}

	/**
	 * One item in one observed bucket, as it adds to its day.
	 *
	 * @param itemId the item
	 * @param highVolume items traded at the high side (with an average)
	 * @param lowVolume items traded at the low side (with an average)
	 * @param highValue average high × high volume
	 * @param lowValue average low × low volume
	 */
	record ItemBucket(int itemId, BigInteger highVolume, BigInteger lowVolume, BigInteger highValue,
			BigInteger lowValue) {

		ItemBucket plus(ItemBucket other) {
			return new ItemBucket(this.itemId, this.highVolume.add(other.highVolume),
					this.lowVolume.add(other.lowVolume), this.highValue.add(other.highValue),
					this.lowValue.add(other.lowValue));
		}

	}

}
