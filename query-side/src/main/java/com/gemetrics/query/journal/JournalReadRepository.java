package com.gemetrics.query.journal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.gemetrics.api.flip.BuyLimitsView;
import com.gemetrics.api.flip.FlipDetailView.SaleView;
import com.gemetrics.api.flip.FlipStatsView.DayProfit;
import com.gemetrics.api.flip.FlipStatsView.Figures;
import com.gemetrics.api.flip.FlipStatsView.ItemProfit;
import com.gemetrics.api.flip.FlipView;
import com.gemetrics.api.flip.ListFlipsQuery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import static com.gemetrics.query.journal.JournalTimes.instant;
import static com.gemetrics.query.journal.JournalTimes.timestamp;

/**
 * The journal's reads. Every query is scoped to one user; the item names come from the
 * items read model ({@code read.item_summary}). Sums over flips are computed as
 * PostgreSQL {@code NUMERIC} ({@code sum} of a {@code BIGINT} is one) and read as exact
 * {@link BigInteger}s: a user's flips are not bounded in number, so no sum over them is
 * bounded either.
 */
@Repository
class JournalReadRepository {

	static final String FLIP_COLUMNS = """
			f.flip_id, f.account, f.item_id, i.name AS item_name, f.status, f.quantity, f.buy_price, f.bought_at,
			f.sold_quantity, f.written_off_quantity, f.sales_count, f.revenue, f.tax_paid, f.realized_profit,
			f.last_sale_at, f.closed_at
			""";

	private static final String ITEM_PROFIT = "SELECT t.item_id, i.name, sum(t.profit) AS profit, "
			+ "sum(t.quantity) AS quantity FROM read.user_transactions t "
			+ "LEFT JOIN read.item_summary i ON i.item_id = t.item_id";

	private final JdbcTemplate jdbc;

	JournalReadRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A page (keyset on buy time and id, both descending) after {@code after} (or from
	 * the start when {@code null}); {@code limit} rows at most.
	 */
	List<FlipView> page(ListFlipsQuery query, FlipCursor after, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + FLIP_COLUMNS
				+ " FROM read.flips f LEFT JOIN read.item_summary i ON i.item_id = f.item_id WHERE f.user_id = ?");
		List<Object> args = new ArrayList<>();
		args.add(query.userId().value());
		if (query.itemId() != null) {
			sql.append(" AND f.item_id = ?");
			args.add(query.itemId());
		}
		if (query.account() != null) {
			sql.append(" AND f.account = ?");
			args.add(query.account());
		}
		if (query.from() != null) {
			sql.append(" AND f.bought_at >= ?");
			args.add(timestamp(query.from()));
		}
		if (query.to() != null) {
			sql.append(" AND f.bought_at < ?");
			args.add(timestamp(query.to()));
		}
		if (query.status() != null) {
			sql.append(" AND f.status = ?");
			args.add(query.status());
		}
		if (after != null) {
			sql.append(" AND (f.bought_at, f.flip_id) < (?, ?)");
			args.add(timestamp(after.boughtAt()));
			args.add(after.flipId());
		}
		sql.append(" ORDER BY f.bought_at DESC, f.flip_id DESC LIMIT ?");
		args.add(limit);
		return this.jdbc.query(sql.toString(), JournalReadRepository::flip, args.toArray());
	}

	Optional<FlipView> flip(UUID userId, UUID flipId) {
		return this.jdbc.query("SELECT " + FLIP_COLUMNS + """
				FROM read.flips f LEFT JOIN read.item_summary i ON i.item_id = f.item_id
				WHERE f.user_id = ? AND f.flip_id = ?
				""", JournalReadRepository::flip, userId, flipId).stream().findFirst();
	}

	List<SaleView> sales(UUID userId, UUID flipId) {
		return this.jdbc.query("""
				SELECT sale_id, kind, quantity, sell_price, tax_per_item, profit, sold_at
				FROM read.user_transactions WHERE flip_id = ? AND user_id = ?
				ORDER BY sold_at, sale_id
				""",
				(rs, row) -> new SaleView(rs.getString("sale_id"), rs.getString("kind"), rs.getLong("quantity"),
						rs.getLong("sell_price"), rs.getLong("tax_per_item"),
						rs.getLong("quantity") * rs.getLong("tax_per_item"), rs.getLong("profit"),
						instant(rs.getTimestamp("sold_at"))),
				flipId, userId);
	}

	/**
	 * Streams up to {@code limit} flips of a user, newest buy first, through a
	 * server-side cursor of {@code fetchSize} rows (the caller runs it in a transaction,
	 * which the PostgreSQL driver needs to stream).
	 */
	void eachFlip(UUID userId, int limit, int fetchSize, FlipConsumer consumer) {
		JdbcTemplate streaming = new JdbcTemplate(this.jdbc.getDataSource());
		streaming.setFetchSize(fetchSize);
		streaming.query("SELECT " + FLIP_COLUMNS + """
				FROM read.flips f LEFT JOIN read.item_summary i ON i.item_id = f.item_id
				WHERE f.user_id = ? ORDER BY f.bought_at DESC, f.flip_id DESC LIMIT ?
				""", (RowCallbackHandler) (rs) -> consumer.accept(flip(rs, 0), rs.getInt("sales_count")), userId,
				limit);
	}

	/**
	 * Whether the user has more than {@code count} flips (reads at most one row past).
	 */
	boolean hasMoreFlipsThan(UUID userId, int count) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM read.flips WHERE user_id = ? ORDER BY bought_at DESC, flip_id DESC OFFSET ?)",
				Boolean.class, userId, count));
	}

	/** Trade figures per account: trades in the range. */
	List<Figures> tradeFigures(UUID userId, String account, Instant from, Instant to) {
		Filter filter = new Filter(userId, account, from, to, "sold_at");
		return this.jdbc.query("""
				SELECT account, coalesce(sum(profit), 0) AS profit, coalesce(sum(quantity * buy_price), 0) AS cost,
				       count(*) AS trades
				FROM read.user_transactions WHERE """ + " " + filter.sql() + " GROUP BY account ORDER BY account",
				(rs, row) -> new Figures(rs.getString("account"), exact(rs, "profit"), exact(rs, "cost"), null,
						rs.getLong("trades"), 0, null, null, null),
				filter.args());
	}

	/**
	 * Closed-flip figures per account: count, realized profit and summed holding seconds
	 * of the flips closed in the range.
	 */
	List<ClosedFlips> closedFlips(UUID userId, String account, Instant from, Instant to) {
		Filter filter = new Filter(userId, account, from, to, "closed_at");
		return this.jdbc.query(
				"""
						SELECT account, count(*) AS flips, coalesce(sum(realized_profit), 0) AS profit,
						       round(coalesce(sum(extract(epoch FROM closed_at - bought_at)), 0)) AS held_seconds
						FROM read.flips WHERE status = 'closed' AND """ + " " + filter.sql()
						+ " GROUP BY account ORDER BY account",
				(rs, row) -> new ClosedFlips(rs.getString("account"), rs.getLong("flips"), exact(rs, "profit"),
						exact(rs, "held_seconds")),
				filter.args());
	}

	/** Up to 5 items with the highest positive profit in the range. */
	List<ItemProfit> bestItems(UUID userId, String account, Instant from, Instant to) {
		Filter filter = new Filter(userId, account, from, to, "sold_at");
		return this.jdbc.query(ITEM_PROFIT + " WHERE " + filter.sql("t")
				+ " GROUP BY t.item_id, i.name HAVING sum(t.profit) > 0 ORDER BY profit DESC, t.item_id LIMIT 5",
				JournalReadRepository::itemProfit, filter.args());
	}

	/**
	 * Up to 5 items with the lowest negative profit in the range. Only an item with a
	 * losing trade can lose overall, so the candidates come from the partial index on
	 * losses.
	 */
	List<ItemProfit> worstItems(UUID userId, String account, Instant from, Instant to) {
		Filter filter = new Filter(userId, account, from, to, "sold_at");
		List<Object> args = new ArrayList<>(List.of(filter.args()));
		args.addAll(List.of(filter.args()));
		return this.jdbc.query(
				ITEM_PROFIT + " WHERE " + filter.sql("t")
						+ " AND t.item_id IN (SELECT l.item_id FROM read.user_transactions l WHERE l.profit < 0 AND "
						+ filter.sql("l") + ")"
						+ " GROUP BY t.item_id, i.name HAVING sum(t.profit) < 0 ORDER BY profit, t.item_id LIMIT 5",
				JournalReadRepository::itemProfit, args.toArray());
	}

	/** Count and summed profit of the losing trades in the range (partial index). */
	Losses losses(UUID userId, String account, Instant from, Instant to) {
		Filter filter = new Filter(userId, account, from, to, "sold_at");
		return this.jdbc.queryForObject(
				"SELECT count(*), coalesce(sum(profit), 0) FROM read.user_transactions WHERE profit < 0 AND "
						+ filter.sql(),
				(rs, row) -> new Losses(rs.getLong(1), exact(rs.getBigDecimal(2))), filter.args());
	}

	List<DayProfit> profitPerDay(UUID userId, String account, Instant from, Instant to) {
		Filter filter = new Filter(userId, account, from, to, "sold_at");
		return this.jdbc.query("""
				SELECT (sold_at AT TIME ZONE 'UTC')::DATE AS day, sum(profit) AS profit
				FROM read.user_transactions WHERE """ + " " + filter.sql() + " GROUP BY 1 ORDER BY 1",
				(rs, row) -> new DayProfit(rs.getObject("day", LocalDate.class), exact(rs, "profit")), filter.args());
	}

	/** Open quantities and their cost per account and item, with the latest price. */
	List<OpenPosition> openPositions(UUID userId, String account) {
		String sql = """
				SELECT f.account, f.item_id, i.name, i.high,
				       sum(f.quantity - f.sold_quantity - f.written_off_quantity) AS open_quantity,
				       sum((f.quantity - f.sold_quantity - f.written_off_quantity) * f.buy_price) AS cost
				FROM read.flips f LEFT JOIN read.item_summary i ON i.item_id = f.item_id
				WHERE f.user_id = ? AND f.status = 'open'""" + ((account != null) ? " AND f.account = ?" : "") + " "
				+ """
						 GROUP BY f.account, f.item_id, i.name, i.high
						HAVING sum(f.quantity - f.sold_quantity - f.written_off_quantity) > 0
						ORDER BY f.account, f.item_id
						""";
		Object[] args = (account != null) ? new Object[] { userId, account } : new Object[] { userId };
		return this.jdbc.query(sql, (rs, row) -> new OpenPosition(rs.getString("account"), rs.getInt("item_id"),
				rs.getString("name"), rs.getObject("high", Long.class), exact(rs, "open_quantity"), exact(rs, "cost")),
				args);
	}

	List<BuyLimitsView.BuyLimit> buyLimits(UUID userId, String account, Instant at) {
		String sql = """
				SELECT account, item_id, item_name, buy_limit, bought_in_window, resets_at
				FROM read.buy_limit_usage_at(?) WHERE user_id = ? """ + ((account != null) ? " AND account = ?" : "")
				+ " ORDER BY account, item_id";
		Object[] args = (account != null) ? new Object[] { timestamp(at), userId, account }
				: new Object[] { timestamp(at), userId };
		return this.jdbc.query(sql, (rs, row) -> {
			Integer limit = rs.getObject("buy_limit", Integer.class);
			long used = rs.getLong("bought_in_window");
			return new BuyLimitsView.BuyLimit(rs.getString("account"), rs.getInt("item_id"), rs.getString("item_name"),
					limit, used, (limit != null) ? Math.max(0, limit - used) : null,
					instant(rs.getTimestamp("resets_at")));
		}, args);
	}

	static FlipView flip(ResultSet rs, int row) throws SQLException {
		long quantity = rs.getLong("quantity");
		long buyPrice = rs.getLong("buy_price");
		long sold = rs.getLong("sold_quantity");
		long writtenOff = rs.getLong("written_off_quantity");
		return new FlipView(rs.getObject("flip_id", UUID.class).toString(), rs.getString("account"),
				rs.getInt("item_id"), rs.getString("item_name"), rs.getString("status"), quantity, buyPrice,
				instant(rs.getTimestamp("bought_at")), sold, writtenOff, quantity - sold - writtenOff,
				quantity * buyPrice, exact(rs, "revenue"), exact(rs, "tax_paid"), exact(rs, "realized_profit"),
				instant(rs.getTimestamp("last_sale_at")), instant(rs.getTimestamp("closed_at")));
	}

	private static ItemProfit itemProfit(ResultSet rs, int row) throws SQLException {
		return new ItemProfit(rs.getInt("item_id"), rs.getString("name"), exact(rs, "profit"), exact(rs, "quantity"));
	}

	/** A whole-number column ({@code NUMERIC} or {@code BIGINT}) as an exact integer. */
	static BigInteger exact(ResultSet rs, String column) throws SQLException {
		return exact(rs.getBigDecimal(column));
	}

	private static BigInteger exact(BigDecimal value) {
		return (value != null) ? value.toBigIntegerExact() : null;
	}

	/** Receives each flip of an export, with its number of sales. */
	@FunctionalInterface
	interface FlipConsumer {

		void accept(FlipView flip, int salesCount) throws SQLException;

	}

	/**
	 * Closed flips of one account in a range.
	 *
	 * @param account the account
	 * @param flips how many closed
	 * @param profit their realized profit
	 * @param heldSeconds their summed time from buy to close
	 */
	record ClosedFlips(String account, long flips, BigInteger profit, BigInteger heldSeconds) {
	}

	/**
	 * The losing trades of a range.
	 *
	 * @param trades how many
	 * @param total their summed (negative) profit
	 */
	record Losses(long trades, BigInteger total) {
	}

	/**
	 * An open position before valuation.
	 *
	 * @param account the account
	 * @param itemId the item
	 * @param itemName its name
	 * @param high the latest instant-buy price, or {@code null}
	 * @param openQuantity items held
	 * @param cost what they cost
	 */
	record OpenPosition(String account, int itemId, String itemName, Long high, BigInteger openQuantity,
			BigInteger cost) {
	}

	/** The user, account and time-range condition of the stats queries. */
	private record Filter(UUID userId, String account, Instant from, Instant to, String timeColumn) {

		String sql() {
			return sql(null);
		}

		String sql(String alias) {
			String prefix = (alias != null) ? alias + "." : "";
			StringBuilder sql = new StringBuilder(prefix + "user_id = ?");
			if (this.account != null) {
				sql.append(" AND ").append(prefix).append("account = ?");
			}
			if (this.from != null) {
				sql.append(" AND ").append(prefix).append(this.timeColumn).append(" >= ?");
			}
			if (this.to != null) {
				sql.append(" AND ").append(prefix).append(this.timeColumn).append(" < ?");
			}
			return sql.toString();
		}

		Object[] args() {
			List<Object> args = new ArrayList<>();
			args.add(this.userId);
			if (this.account != null) {
				args.add(this.account);
			}
			if (this.from != null) {
				args.add(timestamp(this.from));
			}
			if (this.to != null) {
				args.add(timestamp(this.to));
			}
			return args.toArray();
		}

	}

}
