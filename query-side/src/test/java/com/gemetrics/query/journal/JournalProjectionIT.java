package com.gemetrics.query.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.gemetrics.api.flip.FlipSaleRecordedEvent;
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

import static com.gemetrics.query.journal.JournalFixtures.LOBSTER;
import static com.gemetrics.query.journal.JournalFixtures.PROJECTION_TIMEOUT;
import static com.gemetrics.query.journal.JournalFixtures.WHIP;
import static org.assertj.core.api.Assertions.assertThat;
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
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM read.user_transactions_default", Long.class))
			.isZero();
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

	private Map<String, Object> flip(FlipStream flip) {
		return this.jdbc.queryForMap("SELECT * FROM read.flips WHERE flip_id = ?", flip.uuid());
	}

	private Map<String, Object> sale(FlipStream flip, String saleId) {
		return this.jdbc.queryForMap("""
				SELECT *, tableoid::regclass::text AS partition FROM read.user_transactions
				WHERE flip_id = ? AND sale_id = ?
				""", flip.uuid(), saleId);
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
