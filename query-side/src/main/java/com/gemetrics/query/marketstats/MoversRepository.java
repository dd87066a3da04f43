package com.gemetrics.query.marketstats;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Price moves read from {@code read.item_price_history}: each item's hourly average in
 * the latest hourly bucket stored, against its average in the bucket {@code period}
 * earlier (or the latest one within the hour before that, when that exact bucket is
 * missing).
 */
@Repository
class MoversRepository {

	private static final String MOVES = """
			WITH ref AS (
			    SELECT max(ts) AS t FROM read.item_price_history WHERE timestep = '1h'
			), latest AS (
			    SELECT h.item_id, h.avg_high, h.avg_low, h.high_volume + h.low_volume AS volume
			    FROM read.item_price_history h, ref
			    WHERE h.timestep = '1h' AND h.ts = ref.t
			), earlier AS (
			    SELECT DISTINCT ON (h.item_id) h.item_id, h.avg_high, h.avg_low
			    FROM read.item_price_history h, ref
			    WHERE h.timestep = '1h' AND h.ts <= ref.t - make_interval(secs => ?)
			      AND h.ts > ref.t - make_interval(secs => ?) - INTERVAL '1 hour'
			    ORDER BY h.item_id, h.ts DESC
			)
			SELECT l.item_id, s.name, l.avg_high, l.avg_low, l.volume, e.avg_high AS then_high, e.avg_low AS then_low
			FROM latest l
			JOIN earlier e ON e.item_id = l.item_id
			LEFT JOIN read.item_summary s ON s.item_id = l.item_id
			WHERE l.volume >= ?
			""";

	private final JdbcTemplate jdbc;

	MoversRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Every item's move over {@code period}, among items traded at least
	 * {@code minVolume} times.
	 */
	List<Move> moves(Duration period, long minVolume) {
		long seconds = period.toSeconds();
		return this.jdbc.query(MOVES,
				(rs, n) -> new Move(rs.getInt("item_id"), rs.getString("name"),
						mid(rs.getObject("then_high", Long.class), rs.getObject("then_low", Long.class)),
						mid(rs.getObject("avg_high", Long.class), rs.getObject("avg_low", Long.class))),
				seconds, seconds, minVolume);
	}

	/** The mid price of a bucket: the mean of both averages, or the one there is. */
	static Long mid(Long high, Long low) {
		if (high == null || low == null) {
			return (high != null) ? high : low;
		}
		return (high + low) / 2;
	}

	/**
	 * One item's average price at both ends of a period.
	 *
	 * @param itemId the item id
	 * @param name the item name, when catalogued
	 * @param from mid price at the start, or {@code null}
	 * @param to mid price at the end, or {@code null}
	 */
	record Move(int itemId, String name, Long from, Long to) {
	}

}
