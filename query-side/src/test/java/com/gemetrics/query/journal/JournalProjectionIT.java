package com.gemetrics.query.journal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.gemetrics.api.flip.FindFlipStatsQuery;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipStatsView;
import com.gemetrics.api.flip.ListPositionsQuery;
import com.gemetrics.api.flip.PositionsView;
import com.gemetrics.api.price.GeLimits;
import com.gemetrics.api.price.GeTax;
import com.gemetrics.api.user.UserId;
import com.gemetrics.query.RealInfrastructure;
import com.gemetrics.query.journal.JournalFixtures.FlipStream;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static com.gemetrics.query.journal.JournalFixtures.FEATHER;
import static com.gemetrics.query.journal.JournalFixtures.LOBSTER;
import static com.gemetrics.query.journal.JournalFixtures.PROJECTION_TIMEOUT;
import static com.gemetrics.query.journal.JournalFixtures.WHIP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The journal projection on the real PostgreSQL, fed through the event store as the
 * command side writes Flip events, and read back from the tables: profit after the tax in
 * force at each sale, corrections, write-offs, deletes, monthly partitions, and a replay
 * that rebuilds the tables identically.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = RealInfrastructure.class)
class JournalProjectionIT {

	static final int DEATH_RUNE = 560;

	@Autowired
	EventStore events;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JournalProjection projection;

	@Autowired
	JournalReplay replay;

	@Autowired
	JournalQueryHandler queries;

	JournalFixtures fixtures;

	UserId user;

	@BeforeEach
	void setUp() {
		this.fixtures = new JournalFixtures(this.events, this.jdbc);
		this.user = new UserId(UUID.randomUUID());
	}

	@Test
	void profitIsAfterTheTaxInForceAtEachSaleWithExemptionsAndTheUntaxedFloor() {
		FlipStream whip = this.fixtures.open(this.user, "main", WHIP, 10, 1_700_000, at("2025-05-20T00:00:00Z"))
			.sale("w1", 3, 1_750_000, at("2025-05-25T00:00:00Z"))
			.sale("w2", 7, 1_800_000, at("2025-06-10T00:00:00Z"))
			.applied();
		FlipStream lobster = this.fixtures.open(this.user, "main", LOBSTER, 1000, 150, at("2025-06-01T00:00:00Z"))
			.sale("l1", 1000, 200, at("2025-06-02T00:00:00Z"))
			.applied();
		FlipStream runes = this.fixtures.open(this.user, "alt", DEATH_RUNE, 100, 45, at("2025-06-01T00:00:00Z"))
			.sale("d1", 50, 49, at("2025-06-02T00:00:00Z"))
			.sale("d2", 50, 50, at("2025-06-02T01:00:00Z"))
			.applied();

		assertThat(sale(whip, "w1")).containsEntry("tax_per_item", 17_500L).containsEntry("profit", 97_500L);
		assertThat(sale(whip, "w2")).containsEntry("tax_per_item", 36_000L).containsEntry("profit", 448_000L);
		assertThat(flip(whip)).containsEntry("status", "closed")
			.containsEntry("sold_quantity", 10L)
			.containsEntry("sales_count", 2)
			.containsEntry("revenue", 17_850_000L)
			.containsEntry("tax_paid", 304_500L)
			.containsEntry("realized_profit", 545_500L)
			.containsEntry("version", 2L);
		assertThat(sale(lobster, "l1")).as("exempt since 2025-05-29")
			.containsEntry("tax_per_item", 0L)
			.containsEntry("profit", 50_000L);
		assertThat(sale(runes, "d1")).as("below 50 gp").containsEntry("tax_per_item", 0L).containsEntry("profit", 200L);
		assertThat(sale(runes, "d2")).as("2% of 50").containsEntry("tax_per_item", 1L).containsEntry("profit", 200L);
		assertThat(this.jdbc.queryForList(
				"SELECT tableoid::regclass::text FROM read.user_transactions WHERE flip_id = ? ORDER BY sold_at",
				String.class, whip.uuid()))
			.as("one partition per month")
			.containsExactly("read.user_transactions_2025_05", "read.user_transactions_2025_06");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM read.user_transactions_default WHERE user_id = ?",
				Long.class, this.user.value()))
			.isZero();
	}

	/**
	 * Issue 8: the largest flips the bounds allow, at the bounds' times, project, and
	 * every sum over them (per flip, per user, account, day, item; open positions) is
	 * exact though it exceeds a {@code long}.
	 */
	@Test
	void extremeButValidFlipsProjectAndEverySumOverThemIsExact() {
		long max = GeLimits.MAX_QUANTITY;
		Instant opened = GeLimits.GE_OPENED;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Instant lateSale = now.plus(GeLimits.MAX_CLOCK_SKEW);
		FlipStream first = this.fixtures.open(this.user, "main", FEATHER, max, 1, opened)
			.sale("a1", max, GeLimits.MAX_PRICE, opened)
			.applied();
		FlipStream second = this.fixtures.open(this.user, "main", FEATHER, max, 1, opened)
			.sale("b1", max - 1, GeLimits.MAX_PRICE, opened.plusSeconds(1))
			.sale("b2", 1, GeLimits.MAX_PRICE, lateSale)
			.applied();
		FlipStream third = this.fixtures.open(this.user, "alt", FEATHER, max, 1, opened)
			.sale("c1", max, GeLimits.MAX_PRICE, opened.plusSeconds(2))
			.applied();
		FlipStream heldA = this.fixtures.open(this.user, "main", WHIP, max, GeLimits.MAX_PRICE, now).applied();
		FlipStream heldB = this.fixtures.open(this.user, "main", WHIP, max, GeLimits.MAX_PRICE, now).applied();

		BigInteger stack = BigInteger.valueOf(max);
		BigInteger flipProfit = stack.multiply(BigInteger.valueOf(GeLimits.MAX_PRICE - 1));
		BigInteger lateTax = BigInteger.valueOf(GeTax.taxPerItem(FEATHER, GeLimits.MAX_PRICE, lateSale));
		BigInteger secondProfit = flipProfit.subtract(lateTax);
		assertThat(flip(first)).containsEntry("revenue", max * max)
			.containsEntry("tax_paid", 0L)
			.containsEntry("realized_profit", flipProfit.longValueExact())
			.containsEntry("status", "closed");
		assertThat(flip(second)).containsEntry("realized_profit", secondProfit.longValueExact())
			.containsEntry("tax_paid", lateTax.longValueExact());
		assertThat(partitionOf(first, "a1")).isEqualTo("read.user_transactions_2013_02");
		assertThat(partitionOf(second, "b2")).isEqualTo("read.user_transactions_"
				+ YearMonth.from(lateSale.atOffset(ZoneOffset.UTC)).format(DateTimeFormatter.ofPattern("yyyy_MM")));

		FlipStatsView stats = this.queries.handle(new FindFlipStatsQuery(this.user, null, null, null));
		BigInteger total = flipProfit.multiply(BigInteger.TWO).add(secondProfit);
		assertThat(total).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
		assertThat(stats.totals().totalProfit()).isEqualTo(total);
		assertThat(stats.totals().costOfSold()).isEqualTo(stack.multiply(BigInteger.valueOf(3)));
		assertThat(stats.totals().flips()).isEqualTo(3);
		assertThat(stats.totals().averageProfitPerFlip()).isEqualTo(total.divide(BigInteger.valueOf(3)));
		assertThat(stats.accounts()).extracting(FlipStatsView.Figures::account, FlipStatsView.Figures::totalProfit)
			.containsExactly(tuple("alt", flipProfit), tuple("main", flipProfit.add(secondProfit)));
		assertThat(stats.bestItems()).singleElement().satisfies((item) -> {
			assertThat(item.profit()).isEqualTo(total);
			assertThat(item.quantity()).isEqualTo(stack.multiply(BigInteger.valueOf(3)));
		});
		assertThat(stats.profitPerDay().get(0).profit()).isEqualTo(total.subtract(secondProfit)
			.add(stack.subtract(BigInteger.ONE).multiply(BigInteger.valueOf(GeLimits.MAX_PRICE - 1))));

		PositionsView positions = this.queries.handle(new ListPositionsQuery(this.user, "main"));
		assertThat(positions.positions()).singleElement().satisfies((position) -> {
			assertThat(position.openQuantity()).isEqualTo(stack.multiply(BigInteger.TWO));
			assertThat(position.cost()).isEqualTo(stack.multiply(stack).multiply(BigInteger.TWO));
			assertThat(position.averageBuyPrice()).isEqualTo(GeLimits.MAX_PRICE);
		});
		assertThat(List.of(heldA, heldB)).allSatisfy((held) -> assertThat(flip(held)).containsEntry("status", "open"));
	}

	/**
	 * Issue 8: flips stored before the bounds (a buy thousands of years back; sales whose
	 * totals each fit a {@code long} but whose sum does not) project too: sums stored
	 * exactly, and the old months in the default partition rather than one partition
	 * each.
	 */
	@Test
	void flipsStoredBeforeTheBoundsProjectExactlyIntoTheDefaultPartition() {
		long quantity = 4_000_000_000_000_000_000L;
		FlipStream absurd = this.fixtures.open(this.user, "main", FEATHER, quantity, 2, at("-3000-01-01T00:00:00Z"))
			.sale("x1", quantity / 2, 4, at("1000-01-01T00:00:00Z"))
			.sale("x2", quantity / 2, 4, at("1000-02-01T00:00:00Z"))
			.applied();
		for (int month = 1; month <= 24; month++) {
			this.fixtures.open(this.user, "main", FEATHER, 1, 1, at("1900-01-01T00:00:00Z"))
				.sale("m" + month, 1, 1,
						at("1900-01-01T00:00:00Z").atOffset(ZoneOffset.UTC).plusMonths(month).toInstant())
				.applied();
		}

		BigInteger revenue = BigInteger.valueOf(quantity).multiply(BigInteger.valueOf(4));
		assertThat(flip(absurd)).containsEntry("revenue", revenue)
			.containsEntry("realized_profit", 8_000_000_000_000_000_000L)
			.containsEntry("status", "closed");
		assertThat(partitionOf(absurd, "x1")).isEqualTo("read.user_transactions_default");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM read.user_transactions_default WHERE user_id = ?",
				Long.class, this.user.value()))
			.isEqualTo(26);
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = 'read.user_transactions'::regclass
				  AND c.relname <> 'user_transactions_default'
				  AND c.relname < 'user_transactions_2013_02'
				""", Long.class)).as("no partition before the Grand Exchange opened").isZero();
		assertThat(this.queries.handle(new FindFlipStatsQuery(this.user, null, null, null)).totals().totalProfit())
			.isEqualTo(BigInteger.valueOf(quantity).multiply(BigInteger.TWO));
	}

	@Test
	void correctionsRestateTheProfitOfTheAffectedSales() {
		FlipStream whip = this.fixtures.open(this.user, "main", WHIP, 10, 1_700_000, at("2025-06-05T00:00:00Z"))
			.sale("s1", 4, 1_800_000, at("2025-06-10T00:00:00Z"))
			.sale("s2", 6, 1_750_000, at("2025-06-11T00:00:00Z"))
			.applied();
		assertThat(flip(whip)).containsEntry("realized_profit", 256_000L + 90_000L).containsEntry("status", "closed");

		whip.correctBuy(12, 1_650_000, at("2025-06-05T00:00:00Z")).applied();
		assertThat(sale(whip, "s1")).containsEntry("buy_price", 1_650_000L).containsEntry("profit", 456_000L);
		assertThat(sale(whip, "s2")).containsEntry("profit", 390_000L);
		assertThat(flip(whip)).containsEntry("realized_profit", 846_000L)
			.containsEntry("quantity", 12L)
			.as("two more bought: open again")
			.containsEntry("status", "open");

		whip.correctSale("s2", 6, 1_760_000, at("2025-07-02T12:00:00Z")).applied();
		Map<String, Object> corrected = sale(whip, "s2");
		assertThat(corrected).containsEntry("tax_per_item", 35_200L)
			.containsEntry("profit", 448_800L)
			.containsEntry("partition", "read.user_transactions_2025_07");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM read.user_transactions WHERE flip_id = ?", Long.class,
				whip.uuid()))
			.isEqualTo(2L);
		assertThat(flip(whip)).containsEntry("realized_profit", 904_800L)
			.containsEntry("last_sale_at", java.sql.Timestamp.from(at("2025-07-02T12:00:00Z")));
	}

	@Test
	void aWriteOffSellsTheRestForNothingAndClosesTheFlip() {
		FlipStream whip = this.fixtures.open(this.user, "main", WHIP, 10, 1_000_000, at("2025-06-01T00:00:00Z"))
			.sale("s1", 6, 1_100_000, at("2025-06-02T00:00:00Z"))
			.writeOff(4, at("2025-06-03T00:00:00Z"))
			.applied();

		assertThat(sale(whip, TransactionRow.WRITE_OFF_ID)).containsEntry("kind", "write-off")
			.containsEntry("sell_price", 0L)
			.containsEntry("tax_per_item", 0L)
			.containsEntry("profit", -4_000_000L);
		assertThat(flip(whip)).containsEntry("status", "closed")
			.containsEntry("written_off_quantity", 4L)
			.containsEntry("sold_quantity", 6L)
			.containsEntry("realized_profit", 468_000L - 4_000_000L)
			.containsEntry("last_sale_at", java.sql.Timestamp.from(at("2025-06-02T00:00:00Z")))
			.containsEntry("closed_at", java.sql.Timestamp.from(at("2025-06-03T00:00:00Z")));
	}

	@Test
	void aDeletedFlipLeavesEveryTableAndKeepsItsVersion() {
		FlipStream whip = this.fixtures.open(this.user, "main", WHIP, 10, 1_000_000, at("2025-06-01T00:00:00Z"))
			.sale("s1", 6, 1_100_000, at("2025-06-02T00:00:00Z"))
			.delete(at("2025-06-04T00:00:00Z"))
			.applied();

		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM read.flips WHERE flip_id = ?", Long.class, whip.uuid()))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM read.user_transactions WHERE flip_id = ?", Long.class,
				whip.uuid()))
			.isZero();
		assertThat(this.fixtures.version(whip.uuid())).isEqualTo(2L);
	}

	@Test
	void aRedeliveredEventChangesNothing() {
		FlipStream whip = this.fixtures.open(this.user, "main", WHIP, 10, 1_000_000, at("2025-06-01T00:00:00Z"))
			.sale("s1", 6, 1_100_000, at("2025-06-02T00:00:00Z"))
			.applied();
		Map<String, Object> before = flip(whip);

		this.projection.on(
				new FlipSaleRecordedEvent(whip.id, this.user, "s1", 6, 1_100_000, at("2025-06-02T00:00:00Z")), 1,
				Instant.now());

		assertThat(flip(whip)).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM read.user_transactions WHERE flip_id = ?", Long.class,
				whip.uuid()))
			.isEqualTo(1L);
	}

	@Test
	void aReplayRebuildsTheTablesIdentically() {
		this.fixtures.open(this.user, "main", WHIP, 10, 1_700_000, at("2025-05-20T00:00:00Z"))
			.sale("w1", 3, 1_750_000, at("2025-05-25T00:00:00Z"))
			.correctBuy(10, 1_690_000, at("2025-05-20T00:00:00Z"))
			.sale("w2", 7, 1_800_000, at("2025-06-10T00:00:00Z"))
			.correctSale("w2", 7, 1_810_000, at("2025-07-10T00:00:00Z"))
			.applied();
		this.fixtures.open(this.user, "alt", LOBSTER, 1000, 150, at("2025-06-01T00:00:00Z"))
			.sale("l1", 400, 200, at("2025-06-02T00:00:00Z"))
			.writeOff(600, at("2025-06-03T00:00:00Z"))
			.applied();
		this.fixtures.open(this.user, "alt", LOBSTER, 5, 150, at("2025-06-01T00:00:00Z"))
			.delete(at("2025-06-01T01:00:00Z"))
			.applied();
		FlipStream open = this.fixtures.open(this.user, "main", WHIP, 2, 1_700_000, at("2025-08-01T00:00:00Z"))
			.applied();
		List<String> before = dump();
		// What a tax rule change looks like to the tables: figures that no longer match.
		this.jdbc.update("UPDATE read.flips SET realized_profit = 0 WHERE user_id = ?", this.user.value());

		assertThat(this.replay.start()).isTrue();

		await().atMost(PROJECTION_TIMEOUT).until(this::replayed);
		assertThat(dump()).isEqualTo(before);
		assertThat(this.fixtures.version(open.uuid())).isZero();
	}

	/**
	 * Both segments have caught up with every event there was at the reset (Axon keeps
	 * the replay flag until an event after the reset position arrives).
	 */
	private boolean replayed() {
		Map<Integer, EventTrackerStatus> status = this.replay.processor().processingStatus();
		return status.size() == 2 && status.values().stream().allMatch(this::caughtUpWithTheReset);
	}

	private boolean caughtUpWithTheReset(EventTrackerStatus segment) {
		if (!segment.isCaughtUp()) {
			return false;
		}
		if (!segment.isReplaying()) {
			return true;
		}
		return segment.getCurrentPosition().isPresent() && segment.getResetPosition().isPresent()
				&& segment.getCurrentPosition().getAsLong() >= segment.getResetPosition().getAsLong();
	}

	private List<String> dump() {
		return this.jdbc.queryForList("""
				SELECT 'flip ' || row_to_json(f)::text FROM read.flips f
				UNION ALL SELECT 'tombstone ' || row_to_json(t)::text FROM read.flip_tombstones t
				UNION ALL SELECT 'transaction ' || tableoid::regclass::text || ' ' || row_to_json(u)::text
				  FROM read.user_transactions u
				ORDER BY 1
				""", String.class);
	}

	/** The flip's row; its NUMERIC sums as {@code Long} where they fit, else exact. */
	private Map<String, Object> flip(FlipStream flip) {
		Map<String, Object> row = new HashMap<>(
				this.jdbc.queryForMap("SELECT * FROM read.flips WHERE flip_id = ?", flip.uuid()));
		row.replaceAll((column, value) -> (value instanceof BigDecimal exact) ? whole(exact) : value);
		return row;
	}

	private static Object whole(BigDecimal value) {
		BigInteger exact = value.toBigIntegerExact();
		return (exact.bitLength() < Long.SIZE) ? (Object) exact.longValue() : exact;
	}

	private Map<String, Object> sale(FlipStream flip, String saleId) {
		return this.jdbc.queryForMap("""
				SELECT *, tableoid::regclass::text AS partition FROM read.user_transactions
				WHERE flip_id = ? AND sale_id = ?
				""", flip.uuid(), saleId);
	}

	private String partitionOf(FlipStream flip, String saleId) {
		return (String) sale(flip, saleId).get("partition");
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
