package com.gemetrics.loadtest.replay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.item.ItemCatalogSyncedEvent;
import com.gemetrics.api.price.GeTax;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.price.WindowAverage;
import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.EmailVerifiedEvent;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.api.watchlist.AlertDeliveredEvent;
import com.gemetrics.api.watchlist.AlertRule;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.ItemUnwatchedEvent;
import com.gemetrics.api.watchlist.ItemWatchedEvent;

/**
 * The reference for a replay: plain JDBC reading every event of the store in order (pages
 * of 10,000 by global index, each in a short transaction, so no snapshot is held open),
 * deserializing each payload into its {@code shared-api} record with Jackson, and writing
 * the same rows the projections write (item prices and catalogue, price history, user
 * profiles, flips with their sales and profit after tax, tombstones, watched items,
 * rules, alerts and deliveries) into copies of the read tables in schema {@code bench},
 * as batched statements (one JDBC batch per statement kind and per 1,000 events, one
 * commit each; an item's prices and windows, updated by many of those events, are written
 * once with their latest values). No framework, no tokens, no dead-letter bookkeeping:
 * the fastest honest way to rebuild the same rows.
 */
final class JdbcBaseline {

	static final int EVENTS_PER_COMMIT = 1_000;

	private final ObjectMapper json = JsonMapper.builder()
		.addModule(new JavaTimeModule())
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Map<String, Class<?>> types = new HashMap<>();

	private final Map<UUID, long[]> flipBuy = new HashMap<>();

	private final Map<UUID, Object[]> flipOwner = new HashMap<>();

	/** Rebuilds into {@code bench.*}; answers the events read. */
	long run(Connection read, Connection write) throws Exception {
		prepare(write);
		write.setAutoCommit(false);
		read.setAutoCommit(false);
		Batches batches = new Batches(write);
		long events = 0;
		long after = 0;
		boolean more = true;
		try (PreparedStatement page = read.prepareStatement("""
				SELECT global_index, sequence_number, payload_type, payload, time_stamp FROM domain_event_entry
				WHERE global_index > ? ORDER BY global_index LIMIT 10000""")) {
			while (more) {
				more = false;
				page.setLong(1, after);
				try (ResultSet rs = page.executeQuery()) {
					while (rs.next()) {
						more = true;
						after = rs.getLong(1);
						Object event = this.json.readValue(rs.getBytes(4), type(rs.getString(3)));
						apply(batches, event, rs.getLong(2), Instant.parse(rs.getString(5)));
						if (++events % EVENTS_PER_COMMIT == 0) {
							batches.flush();
							write.commit();
						}
					}
				}
				read.commit();
			}
		}
		batches.flush();
		write.commit();
		return events;
	}

	private static void prepare(Connection write) throws SQLException {
		try (Statement ddl = write.createStatement()) {
			ddl.execute("DROP SCHEMA IF EXISTS bench CASCADE");
			ddl.execute("CREATE SCHEMA bench");
			for (String table : List.of("item_summary", "item_price_history", "user_profile", "flips",
					"flip_tombstones", "user_transactions", "watchlists", "watchlist_items", "alert_rules",
					"alert_history", "alert_deliveries")) {
				ddl.execute("CREATE TABLE bench." + table + " (LIKE read." + table + " INCLUDING ALL)");
			}
		}
	}

	private Class<?> type(String name) {
		return this.types.computeIfAbsent(name, (key) -> {
			try {
				return Class.forName(key);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private void apply(Batches b, Object event, long sequence, Instant at) throws SQLException {
		if (event instanceof LatestPricesObservedEvent e) {
			for (PriceQuote q : e.prices()) {
				b.last("prices:" + q.itemId(),
						"""
								INSERT INTO bench.item_summary AS s (item_id, high, high_time, low, low_time, tax, margin,
								  prices_updated_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
								ON CONFLICT (item_id) DO UPDATE SET high = EXCLUDED.high, high_time = EXCLUDED.high_time,
								  low = EXCLUDED.low, low_time = EXCLUDED.low_time, tax = EXCLUDED.tax, margin = EXCLUDED.margin,
								  prices_updated_at = EXCLUDED.prices_updated_at, updated_at = EXCLUDED.updated_at
								""",
						q.itemId(), q.high(), ts(q.highTime()), q.low(), ts(q.lowTime()),
						GeTax.taxPerItem(q.itemId(), q.high(), e.observedAt()),
						q.high() - q.low() - GeTax.taxPerItem(q.itemId(), q.high(), e.observedAt()), ts(e.observedAt()),
						ts(at));
			}
		}
		else if (event instanceof VolumeWindowObservedEvent e) {
			for (WindowAverage w : e.items()) {
				b.add("""
						INSERT INTO bench.item_price_history (item_id, timestep, ts, avg_high, avg_low, high_volume,
						  low_volume) VALUES (?, ?, ?, ?, ?, ?, ?)
						ON CONFLICT (item_id, timestep, ts) DO UPDATE SET avg_high = EXCLUDED.avg_high,
						  avg_low = EXCLUDED.avg_low, high_volume = EXCLUDED.high_volume, low_volume = EXCLUDED.low_volume
						""",
						w.itemId(), e.timestep().code(), ts(e.bucketStart()), w.avgHighPrice(), w.avgLowPrice(),
						w.highPriceVolume(), w.lowPriceVolume());
				b.last("window:" + w.itemId(),
						"UPDATE bench.item_summary SET volume_5m = ?, avg_high_5m = ?, avg_low_5m = ? WHERE item_id = ?",
						w.volume(), w.avgHighPrice(), w.avgLowPrice(), w.itemId());
			}
		}
		else if (event instanceof ItemCatalogSyncedEvent e) {
			for (CatalogItem i : e.items()) {
				b.add("""
						INSERT INTO bench.item_summary (item_id, name, examine, members, buy_limit, low_alch, high_alch,
						  value, icon, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						ON CONFLICT (item_id) DO UPDATE SET name = EXCLUDED.name
						""", i.id(), i.name(), i.examine(), i.members(), i.limit(), i.lowAlch(), i.highAlch(),
						i.value(), i.icon(), ts(at));
			}
		}
		else if (event instanceof UserRegisteredEvent e) {
			b.add("""
					INSERT INTO bench.user_profile (user_id, email, display_name, roles, registered_at)
					VALUES (?, ?, ?, '{USER}', ?) ON CONFLICT DO NOTHING
					""", e.userId().value(), clear(e.email()), clear(e.displayName()), ts(e.registeredAt()));
		}
		else if (event instanceof EmailVerifiedEvent e) {
			b.add("UPDATE bench.user_profile SET email_verified = TRUE WHERE user_id = ?", e.userId().value());
		}
		else if (event instanceof FlipOpenedEvent e) {
			UUID flip = e.flipId().value();
			this.flipBuy.put(flip, new long[] { e.pricePerItem(), e.quantity() });
			this.flipOwner.put(flip, new Object[] { e.userId().value(), e.account(), e.itemId() });
			b.add("""
					INSERT INTO bench.flips (flip_id, user_id, account, item_id, quantity, buy_price, bought_at, status,
					  version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) ON CONFLICT DO NOTHING
					""", flip, e.userId().value(), e.account(), e.itemId(), e.quantity(), e.pricePerItem(),
					ts(e.boughtAt()), sequence, ts(at));
		}
		else if (event instanceof FlipSaleRecordedEvent e) {
			sale(b, e.flipId().value(), e.saleId(), e.quantity(), e.pricePerItem(), e.soldAt(), sequence, at);
		}
		else if (event instanceof FlipSaleCorrectedEvent e) {
			b.add("DELETE FROM bench.user_transactions WHERE flip_id = ? AND sale_id = ?", e.flipId().value(),
					e.saleId());
			sale(b, e.flipId().value(), e.saleId(), e.quantity(), e.pricePerItem(), e.soldAt(), sequence, at);
		}
		else if (event instanceof FlipBuyCorrectedEvent e) {
			UUID flip = e.flipId().value();
			this.flipBuy.put(flip, new long[] { e.pricePerItem(), e.quantity() });
			b.add("UPDATE bench.flips SET buy_price = ?, quantity = ?, version = ?, updated_at = ? WHERE flip_id = ?",
					e.pricePerItem(), e.quantity(), sequence, ts(at), flip);
			b.add("""
					UPDATE bench.user_transactions SET buy_price = ?, profit = quantity * (sell_price - tax_per_item - ?)
					WHERE flip_id = ?
					""",
					e.pricePerItem(), e.pricePerItem(), flip);
		}
		else if (event instanceof FlipWrittenOffEvent e) {
			UUID flip = e.flipId().value();
			Object[] owner = this.flipOwner.get(flip);
			long[] buy = this.flipBuy.get(flip);
			b.add("""
					INSERT INTO bench.user_transactions (user_id, flip_id, sale_id, kind, account, item_id, quantity,
					  buy_price, sell_price, tax_per_item, profit, sold_at) VALUES (?, ?, 'write-off', 'write-off', ?, ?,
					  ?, ?, 0, 0, ?, ?) ON CONFLICT DO NOTHING
					""",
					owner[0], flip, owner[1], owner[2], e.quantity(), buy[0], -e.quantity() * buy[0],
					ts(e.writtenOffAt()));
			b.add("""
					UPDATE bench.flips SET written_off_quantity = written_off_quantity + ?, status = 'closed',
					  closed_at = ?, version = ?, updated_at = ? WHERE flip_id = ?
					""", e.quantity(), ts(e.writtenOffAt()), sequence, ts(at), flip);
		}
		else if (event instanceof FlipDeletedEvent e) {
			UUID flip = e.flipId().value();
			b.add("DELETE FROM bench.user_transactions WHERE flip_id = ?", flip);
			b.add("DELETE FROM bench.flips WHERE flip_id = ?", flip);
			b.add("INSERT INTO bench.flip_tombstones (flip_id, user_id, version, deleted_at) VALUES (?, ?, ?, ?) "
					+ "ON CONFLICT DO NOTHING", flip, e.userId().value(), sequence, ts(e.deletedAt()));
		}
		else if (event instanceof ItemWatchedEvent e) {
			UUID user = e.userId().value();
			b.add("INSERT INTO bench.watchlists (user_id, version, updated_at) VALUES (?, ?, ?) "
					+ "ON CONFLICT (user_id) DO UPDATE SET version = EXCLUDED.version", user, sequence, ts(at));
			b.add("INSERT INTO bench.watchlist_items (user_id, item_id, watched_at) VALUES (?, ?, ?) "
					+ "ON CONFLICT DO NOTHING", user, e.itemId(), ts(e.watchedAt()));
			for (AlertRule rule : e.rules()) {
				b.add("INSERT INTO bench.alert_rules (user_id, rule_id, item_id, type, value, is_active) "
						+ "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", user, rule.ruleId(), e.itemId(),
						rule.type().name(), rule.value(), rule.active());
			}
		}
		else if (event instanceof ItemUnwatchedEvent e) {
			UUID user = e.userId().value();
			b.add("DELETE FROM bench.alert_rules WHERE user_id = ? AND item_id = ?", user, e.itemId());
			b.add("DELETE FROM bench.watchlist_items WHERE user_id = ? AND item_id = ?", user, e.itemId());
			b.add("UPDATE bench.watchlists SET version = ?, updated_at = ? WHERE user_id = ?", sequence, ts(at), user);
		}
		else if (event instanceof AlertTriggeredEvent e) {
			UUID user = e.userId().value();
			b.add("""
					INSERT INTO bench.alert_history (user_id, alert_id, rule_id, item_id, type, threshold, observed,
					  observed_at, triggered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
					""", user, e.alertId(), e.ruleId(), e.itemId(), e.type().name(), e.threshold(), e.observed(),
					ts(e.observedAt()), ts(e.triggeredAt()));
			b.add("UPDATE bench.alert_rules SET last_triggered_at = ?, last_observed = ?, "
					+ "triggered_count = triggered_count + 1 WHERE user_id = ? AND rule_id = ?", ts(e.triggeredAt()),
					e.observed(), user, e.ruleId());
		}
		else if (event instanceof AlertDeliveredEvent e) {
			b.add("INSERT INTO bench.alert_deliveries (user_id, alert_id, channel, status, attempts, at) "
					+ "VALUES (?, ?, ?, 'DELIVERED', ?, ?) ON CONFLICT DO NOTHING", e.userId().value(), e.alertId(),
					e.channel().name(), e.attempts(), ts(e.deliveredAt()));
		}
	}

	private void sale(Batches b, UUID flip, String saleId, long quantity, long price, Instant soldAt, long sequence,
			Instant at) throws SQLException {
		Object[] owner = this.flipOwner.get(flip);
		long[] buy = this.flipBuy.get(flip);
		if (owner == null) {
			return;
		}
		long tax = GeTax.taxPerItem((int) owner[2], price, soldAt);
		long profit = quantity * (price - tax - buy[0]);
		b.add("""
				INSERT INTO bench.user_transactions (user_id, flip_id, sale_id, kind, account, item_id, quantity,
				  buy_price, sell_price, tax_per_item, profit, sold_at) VALUES (?, ?, ?, 'sale', ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING
				""", owner[0], flip, saleId, owner[1], owner[2], quantity, buy[0], price, tax, profit, ts(soldAt));
		b.add("""
				UPDATE bench.flips SET sold_quantity = sold_quantity + ?, sales_count = sales_count + 1,
				  revenue = revenue + ?, tax_paid = tax_paid + ?, realized_profit = realized_profit + ?,
				  last_sale_at = ?, status = CASE WHEN sold_quantity + ? >= quantity THEN 'closed' ELSE 'open' END,
				  version = ?, updated_at = ? WHERE flip_id = ?
				""", quantity, quantity * price, quantity * tax, profit, ts(soldAt), quantity, sequence, ts(at), flip);
	}

	private static OffsetDateTime ts(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	/** One JDBC batch per statement, executed in first-use order. */
	private static final class Batches {

		private final Connection connection;

		private final Map<String, PreparedStatement> statements = new java.util.LinkedHashMap<>();

		private final List<String> pending = new ArrayList<>();

		/**
		 * Statements of which only the latest per key is run at the flush (a row's latest
		 * state).
		 */
		private final Map<String, Object[]> latest = new java.util.LinkedHashMap<>();

		Batches(Connection connection) {
			this.connection = connection;
		}

		void add(String sql, Object... values) throws SQLException {
			PreparedStatement statement = this.statements.get(sql);
			if (statement == null) {
				statement = this.connection.prepareStatement(sql);
				this.statements.put(sql, statement);
			}
			for (int i = 0; i < values.length; i++) {
				if (values[i] == null) {
					statement.setNull(i + 1, Types.NULL);
				}
				else {
					statement.setObject(i + 1, values[i]);
				}
			}
			statement.addBatch();
			if (!this.pending.contains(sql)) {
				this.pending.add(sql);
			}
		}

		/**
		 * Like {@link #add}, but only the latest values given for {@code key} are
		 * written.
		 */
		void last(String key, String sql, Object... values) {
			Object[] entry = new Object[values.length + 1];
			entry[0] = sql;
			System.arraycopy(values, 0, entry, 1, values.length);
			this.latest.put(key, entry);
		}

		void flush() throws SQLException {
			for (Object[] entry : this.latest.values()) {
				add((String) entry[0], java.util.Arrays.copyOfRange(entry, 1, entry.length));
			}
			this.latest.clear();
			for (String sql : this.pending) {
				this.statements.get(sql).executeBatch();
			}
			this.pending.clear();
		}

	}

	/**
	 * The generated history withholds personal data (no keys are needed), and the users
	 * projection stores a value it cannot read as NULL: so does the baseline.
	 */
	private static String clear(EncryptedValue value) {
		if (value == null || value.isWithheld()) {
			return null;
		}
		throw new IllegalStateException("the generated history carries no encrypted personal data");
	}

}
