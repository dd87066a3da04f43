package com.gemetrics.command.price;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.gemetrics.api.price.PriceQuote;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import static com.gemetrics.command.price.PollStatusRepository.instant;
import static com.gemetrics.command.price.PollStatusRepository.utc;

/** {@code market.latest_price}: the quote per item as last emitted. */
@Repository
class LatestPriceRepository {

	static final int BATCH_SIZE = 1000;

	private final JdbcTemplate jdbc;

	LatestPriceRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Map<Integer, PriceQuote> findAll() {
		Map<Integer, PriceQuote> quotes = new HashMap<>();
		this.jdbc.query("SELECT item_id, high, high_time, low, low_time FROM market.latest_price", rs -> {
			int itemId = rs.getInt("item_id");
			quotes.put(itemId,
					new PriceQuote(itemId, rs.getObject("high", Long.class),
							instant(rs.getObject("high_time", OffsetDateTime.class)), rs.getObject("low", Long.class),
							instant(rs.getObject("low_time", OffsetDateTime.class))));
		});
		return quotes;
	}

	void upsert(List<PriceQuote> quotes) {
		this.jdbc.batchUpdate("""
				INSERT INTO market.latest_price (item_id, high, high_time, low, low_time) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (item_id) DO UPDATE SET high = EXCLUDED.high, high_time = EXCLUDED.high_time,
					low = EXCLUDED.low, low_time = EXCLUDED.low_time
				""", quotes, BATCH_SIZE, (ps, quote) -> {
			ps.setInt(1, quote.itemId());
			ps.setObject(2, quote.high(), Types.BIGINT);
			ps.setObject(3, utc(quote.highTime()), Types.TIMESTAMP_WITH_TIMEZONE);
			ps.setObject(4, quote.low(), Types.BIGINT);
			ps.setObject(5, utc(quote.lowTime()), Types.TIMESTAMP_WITH_TIMEZONE);
		});
	}

}
