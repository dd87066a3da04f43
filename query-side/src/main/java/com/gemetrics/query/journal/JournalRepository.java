package com.gemetrics.query.journal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import static com.gemetrics.query.journal.JournalTimes.timestamp;

/**
 * The projection's writes to {@code read.flips}, {@code read.user_transactions} and
 * {@code read.flip_tombstones}, and the version lookup of the consistency-token wait. A
 * flip's totals (sold, written off, revenue, tax, profit, status) are always recomputed
 * from its transaction rows, so a correction leaves them right whatever it changed.
 */
@Repository
class JournalRepository {

	private final JdbcTemplate jdbc;

	private final TransactionPartitions partitions;

	JournalRepository(JdbcTemplate jdbc, TransactionPartitions partitions) {
		this.jdbc = jdbc;
		this.partitions = partitions;
	}

	Optional<FlipState> flip(UUID flipId) {
		return this.jdbc
			.query("SELECT user_id, account, item_id, buy_price, version FROM read.flips WHERE flip_id = ?",
					(rs, row) -> new FlipState(flipId, rs.getObject("user_id", UUID.class), rs.getString("account"),
							rs.getInt("item_id"), rs.getLong("buy_price"), rs.getLong("version")),
					flipId)
			.stream()
			.findFirst();
	}

	boolean isDeleted(UUID flipId) {
		return !this.jdbc.queryForList("SELECT 1 FROM read.flip_tombstones WHERE flip_id = ?", Integer.class, flipId)
			.isEmpty();
	}

	/**
	 * The sequence number of the last applied event of the caller's flip (also when it
	 * was deleted), or -1 if there is none: the version lookup of the consistency wait.
	 * Another user's flip answers -1, so a token cannot tell whether it exists.
	 */
	long appliedVersion(UUID userId, UUID flipId) {
		Long version = this.jdbc.queryForObject("""
				SELECT max(version) FROM (
				  SELECT version FROM read.flips WHERE flip_id = ? AND user_id = ?
				  UNION ALL
				  SELECT version FROM read.flip_tombstones WHERE flip_id = ? AND user_id = ?) v
				""", Long.class, flipId, userId, flipId, userId);
		return (version != null) ? version : -1;
	}

	void opened(UUID flipId, UUID userId, String account, int itemId, long quantity, long buyPrice, Instant boughtAt,
			long version, Instant at) {
		this.jdbc.update("""
				INSERT INTO read.flips (flip_id, user_id, account, item_id, quantity, buy_price, bought_at, status,
				  version, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)
				ON CONFLICT (flip_id) DO NOTHING
				""", flipId, userId, account, itemId, quantity, buyPrice, timestamp(boughtAt), version, timestamp(at));
	}

	void insert(FlipState flip, TransactionRow row) {
		this.partitions.ensureFor(row.soldAt());
		this.jdbc.update("""
				INSERT INTO read.user_transactions (user_id, flip_id, sale_id, kind, account, item_id, quantity,
				  buy_price, sell_price, tax_per_item, profit, sold_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", flip.userId(), flip.flipId(), row.saleId(), row.kind(), flip.account(), flip.itemId(),
				row.quantity(), flip.buyPrice(), row.sellPrice(), row.taxPerItem(), row.profit(flip.buyPrice()),
				timestamp(row.soldAt()));
	}

	void deleteSale(UUID flipId, String saleId) {
		this.jdbc.update("DELETE FROM read.user_transactions WHERE flip_id = ? AND sale_id = ? AND kind = ?", flipId,
				saleId, TransactionRow.SALE);
	}

	/** A corrected buy: the flip's figures, and every sale's profit restated. */
	void buyCorrected(UUID flipId, long quantity, long buyPrice, Instant boughtAt) {
		this.jdbc.update("UPDATE read.flips SET quantity = ?, buy_price = ?, bought_at = ? WHERE flip_id = ?", quantity,
				buyPrice, timestamp(boughtAt), flipId);
		this.jdbc.update("""
				UPDATE read.user_transactions SET buy_price = ?, profit = quantity * (sell_price - tax_per_item - ?)
				WHERE flip_id = ?
				""", buyPrice, buyPrice, flipId);
	}

	/** Recomputes a flip's totals and status from its transactions. */
	void refresh(UUID flipId, long version, Instant at) {
		this.jdbc.update("""
				UPDATE read.flips f SET
				  sold_quantity = t.sold, written_off_quantity = t.written_off, sales_count = t.sales,
				  revenue = t.revenue, tax_paid = t.tax, realized_profit = t.profit, last_sale_at = t.last_sale,
				  status = CASE WHEN t.sold + t.written_off >= f.quantity THEN 'closed' ELSE 'open' END,
				  closed_at = CASE WHEN t.sold + t.written_off >= f.quantity THEN t.last_any END,
				  version = ?, updated_at = ?
				FROM (
				  SELECT coalesce(sum(quantity) FILTER (WHERE kind = 'sale'), 0) AS sold,
				         coalesce(sum(quantity) FILTER (WHERE kind = 'write-off'), 0) AS written_off,
				         count(*) FILTER (WHERE kind = 'sale') AS sales,
				         coalesce(sum(quantity * sell_price), 0) AS revenue,
				         coalesce(sum(quantity * tax_per_item), 0) AS tax,
				         coalesce(sum(profit), 0) AS profit,
				         max(sold_at) FILTER (WHERE kind = 'sale') AS last_sale,
				         max(sold_at) AS last_any
				  FROM read.user_transactions WHERE flip_id = ?) t
				WHERE f.flip_id = ?
				""", version, timestamp(at), flipId, flipId);
	}

	/** A deleted flip leaves every table; a tombstone keeps its last version. */
	void deleted(UUID flipId, UUID userId, long version, Instant deletedAt) {
		this.jdbc.update("DELETE FROM read.user_transactions WHERE flip_id = ?", flipId);
		this.jdbc.update("DELETE FROM read.flips WHERE flip_id = ?", flipId);
		this.jdbc.update("""
				INSERT INTO read.flip_tombstones (flip_id, user_id, version, deleted_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (flip_id) DO UPDATE SET version = greatest(read.flip_tombstones.version, EXCLUDED.version)
				""", flipId, userId, version, timestamp(deletedAt));
	}

	/** Empties the journal, for a replay. Partitions stay. */
	void deleteAll() {
		this.jdbc.execute("TRUNCATE read.user_transactions, read.flips, read.flip_tombstones");
	}

}
