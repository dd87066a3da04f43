package com.gemetrics.query.rollups;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.gemetrics.api.flip.FlipBuyCorrectedEvent;
import com.gemetrics.api.flip.FlipDeletedEvent;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FlipOpenedEvent;
import com.gemetrics.api.flip.FlipSaleCorrectedEvent;
import com.gemetrics.api.flip.FlipSaleRecordedEvent;
import com.gemetrics.api.flip.FlipWrittenOffEvent;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.price.WindowAverage;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.AlertTriggeredEvent;
import com.gemetrics.api.watchlist.AlertType;
import com.gemetrics.api.watchlist.WatchlistId;
import com.gemetrics.query.RealInfrastructure;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The daily rollups on the real PostgreSQL, fed through the event store: the flips' days
 * equal what the journal's tables say (after corrections, write-offs and deletes); each
 * observed bucket counts once; alerts per day; a redelivered event changes nothing; and a
 * replay from scratch rebuilds the same rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = RealInfrastructure.class)
class RollupsProjectionIT {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	static final int WHIP = 4151;

	static final int LOBSTER = 379;

	/**
	 * {@code read.flip_daily} as the journal's tables define it: a flip opened on the day
	 * of its buy, closed on the day of its last sale or write-off, each transaction on
	 * its own day. Days before the Gregorian calendar (1583) are left out of the
	 * comparison: the journal writes its times through {@code java.sql.Timestamp}, which
	 * shifts them to the Julian calendar (flips stored before the bounds, as
	 * {@code JournalProjectionIT} makes in this shared test database), while the rollups
	 * keep {@code java.time}'s proleptic Gregorian days, as PostgreSQL does.
	 */
	static final String FLIP_DAILY_FROM_JOURNAL = """
			SELECT day, item_id, sum(opened)::NUMERIC AS flips_opened, sum(closed)::NUMERIC AS flips_closed,
			       sum(sales)::NUMERIC AS sales, sum(bought) AS items_bought, sum(sold) AS items_sold,
			       sum(written_off) AS items_written_off, sum(cost) AS cost, sum(revenue) AS revenue,
			       sum(tax) AS tax_paid, sum(profit) AS realized_profit
			FROM (
			  SELECT (bought_at AT TIME ZONE 'UTC')::DATE AS day, item_id, 1 AS opened, 0 AS closed, 0 AS sales,
			         quantity::NUMERIC AS bought, 0::NUMERIC AS sold, 0::NUMERIC AS written_off,
			         quantity::NUMERIC * buy_price AS cost, 0::NUMERIC AS revenue, 0::NUMERIC AS tax, 0::NUMERIC AS profit
			  FROM read.flips
			  UNION ALL
			  SELECT (closed_at AT TIME ZONE 'UTC')::DATE, item_id, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0
			  FROM read.flips WHERE status = 'closed'
			  UNION ALL
			  SELECT (sold_at AT TIME ZONE 'UTC')::DATE, item_id, 0, 0, CASE WHEN kind = 'sale' THEN 1 ELSE 0 END, 0,
			         CASE WHEN kind = 'sale' THEN quantity ELSE 0 END, CASE WHEN kind = 'write-off' THEN quantity ELSE 0 END,
			         0, quantity::NUMERIC * sell_price, quantity::NUMERIC * tax_per_item, profit
			  FROM read.user_transactions
			) c
			WHERE day >= DATE '1583-01-01' GROUP BY day, item_id ORDER BY day, item_id
			""";

	static final String FLIP_DAILY = """
			SELECT day, item_id, flips_opened::NUMERIC AS flips_opened, flips_closed::NUMERIC AS flips_closed,
			       sales::NUMERIC AS sales, items_bought, items_sold,
			       items_written_off, cost, revenue, tax_paid, realized_profit
			FROM read.flip_daily WHERE day >= DATE '1583-01-01' ORDER BY day, item_id
			""";

	@Autowired
	EventStore events;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RollupsProjection projection;

	@Autowired
	EventProcessingConfiguration processing;

	@Test
	void flipDaysEqualTheJournalAfterCorrectionsWriteOffsAndDeletesAndAReplayRebuildsThem() {
		UserId alice = new UserId(UUID.randomUUID());
		UserId bob = new UserId(UUID.randomUUID());
		List<Flip> flips = new ArrayList<>();
		flips.add(new Flip(alice)
			.append(new FlipOpenedEvent(null, alice, "main", WHIP, 10, 1_700_000, at("2025-05-20T00:00:00Z")))
			.sale("w1", 3, 1_750_000, "2025-05-25T00:00:00Z")
			.append(new FlipBuyCorrectedEvent(null, alice, 10, 1_690_000, at("2025-05-21T00:00:00Z"),
					at("2025-06-01T00:00:00Z")))
			.sale("w2", 7, 1_800_000, "2019-06-11T00:00:00Z")
			.append(new FlipSaleCorrectedEvent(null, alice, "w2", 7, 1_810_000, at("2025-07-10T00:00:00Z"),
					at("2025-07-11T00:00:00Z"))));
		flips.add(new Flip(bob)
			.append(new FlipOpenedEvent(null, bob, "alt", LOBSTER, 1000, 150, at("2025-06-01T00:00:00Z")))
			.sale("l1", 400, 200, "2025-06-02T00:00:00Z")
			.append(new FlipWrittenOffEvent(null, bob, 600, at("2025-06-03T00:00:00Z"))));
		flips.add(
				new Flip(bob).append(new FlipOpenedEvent(null, bob, "alt", LOBSTER, 5, 150, at("2025-06-01T00:00:00Z")))
					.sale("d1", 5, 300, "2025-06-02T00:00:00Z")
					.append(new FlipDeletedEvent(null, bob, at("2025-06-02T01:00:00Z"))));
		flips.add(new Flip(alice)
			.append(new FlipOpenedEvent(null, alice, "main", WHIP, 2, 1_700_000, at("2025-06-02T00:00:00Z"))));
		// Stored before the bounds (ADR 0014): a buy 5,000 years back, sales whose sum
		// exceeds a long.
		long huge = 4_000_000_000_000_000_000L;
		flips.add(new Flip(bob).append(new FlipOpenedEvent(null, bob, "main", 314, huge, 2, at("2013-03-01T00:00:00Z")))
			.sale("x1", huge / 2, 4, "2013-03-02T00:00:00Z")
			.sale("x2", huge / 2, 4, "2013-03-02T01:00:00Z"));
		flips.forEach(this::awaitApplied);

		List<Map<String, Object>> rollup = this.jdbc.queryForList(FLIP_DAILY);
		assertThat(rollup).isEqualTo(this.jdbc.queryForList(FLIP_DAILY_FROM_JOURNAL));
		assertThat(rollup).isNotEmpty();
		Map<String, Object> june2 = this.jdbc.queryForMap(
				"SELECT flips_opened, sales, realized_profit FROM read.flip_daily_totals WHERE day = DATE '2025-06-02'");
		assertThat(june2).as("the day across items").isEqualTo(this.jdbc.queryForMap("""
				SELECT sum(flips_opened)::BIGINT AS flips_opened, sum(sales)::BIGINT AS sales,
				       sum(realized_profit) AS realized_profit
				FROM read.flip_daily WHERE day = DATE '2025-06-02'
				"""));
		assertThat((Long) june2.get("flips_opened")).isPositive();
		assertThat(this.jdbc.queryForObject("SELECT revenue::TEXT FROM read.flip_daily WHERE day = DATE '2013-03-02'",
				String.class))
			.isEqualTo("16000000000000000000");
		assertThat(this.jdbc.queryForObject("SELECT flips_closed FROM read.flip_daily WHERE day = DATE '2013-03-02'",
				Long.class))
			.isEqualTo(1L);
		assertThat(this.jdbc.queryForList("SELECT day::TEXT FROM read.flip_daily WHERE day = DATE '2019-06-11'"))
			.as("the corrected sale left its old day")
			.isEmpty();

		List<String> before = dump();
		assertThat(replay()).isTrue();
		await().atMost(TIMEOUT).until(this::replayed);
		assertThat(dump()).isEqualTo(before);
	}

	/**
	 * A flip the rollups cannot store (a buy day PostgreSQL cannot hold, from before the
	 * bounds) is parked in the dead-letter queue, with nothing of it half-applied, and
	 * other users' flips go on.
	 */
	@Test
	void aPoisonFlipIsParkedAndOtherFlipsGoOn() {
		UserId erin = new UserId(UUID.randomUUID());
		Flip poison = new Flip(erin)
			.append(new FlipOpenedEvent(null, erin, "main", WHIP, 1, 1, at("+6000000-01-01T00:00:00Z")));
		Flip healthy = new Flip(erin)
			.append(new FlipOpenedEvent(null, erin, "main", WHIP, 1, 1, at("2024-04-01T00:00:00Z")));

		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM read.rollup_flips WHERE flip_id = ?",
					Long.class, healthy.id.value()) == 1);
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc
				.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'rollups' "
						+ "AND sequence_identifier = ?", Long.class, poison.id.toString()) == 1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM read.rollup_flips WHERE flip_id = ?", Long.class,
				poison.id.value()))
			.as("nothing of the parked event applied")
			.isZero();
	}

	@Test
	void aRedeliveredFlipEventChangesNothing() {
		UserId carol = new UserId(UUID.randomUUID());
		Flip flip = new Flip(carol)
			.append(new FlipOpenedEvent(null, carol, "main", WHIP, 4, 1_000_000, at("2024-03-01T00:00:00Z")))
			.sale("c1", 4, 1_100_000, "2024-03-02T00:00:00Z");
		awaitApplied(flip);
		List<String> before = dump();

		this.projection.on(new FlipSaleRecordedEvent(flip.id, carol, "c1", 4, 1_100_000, at("2024-03-02T00:00:00Z")),
				1);
		this.projection.on(new FlipOpenedEvent(flip.id, carol, "main", WHIP, 4, 1_000_000, at("2024-03-01T00:00:00Z")),
				0);

		assertThat(dump()).isEqualTo(before);
	}

	@Test
	void eachObservedBucketCountsOnceIntoItsDayWithVolumeWeightedAverages() {
		Instant first = at("2024-01-05T10:00:00Z");
		VolumeWindowObservedEvent bucket = new VolumeWindowObservedEvent(Timestep.ONE_HOUR, first, List
			.of(new WindowAverage(WHIP, 1_000_000L, 1, 900_000L, 3), new WindowAverage(LOBSTER, null, 0, 150L, 7)));
		this.events.publish(GenericEventMessage.asEventMessage(bucket));
		this.events.publish(GenericEventMessage.asEventMessage(bucket));
		this.events.publish(GenericEventMessage.asEventMessage(new VolumeWindowObservedEvent(Timestep.ONE_HOUR,
				first.plus(Duration.ofHours(1)), List.of(new WindowAverage(WHIP, 1_300_000L, 2, 1_000_000L, 1)))));
		this.events.publish(GenericEventMessage.asEventMessage(new VolumeWindowObservedEvent(Timestep.FIVE_MINUTES,
				first, List.of(new WindowAverage(WHIP, 1_100_000L, 1, null, 0)))));

		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM read.item_daily WHERE day = DATE '2024-01-05' AND timestep = '5m'",
					Long.class) == 1);
		Map<String, Object> whip = this.jdbc.queryForMap(
				"SELECT * FROM read.item_daily WHERE day = DATE '2024-01-05' AND item_id = ? AND timestep = '1h'",
				WHIP);
		assertThat(whip).containsEntry("buckets", 2L)
			.containsEntry("avg_high", 1_200_000L)
			.containsEntry("avg_low", 925_000L)
			.containsEntry("tax", 12_000L)
			.containsEntry("margin", 263_000L);
		assertThat(((Number) whip.get("high_volume")).longValue()).isEqualTo(3);
		assertThat(((Number) whip.get("low_volume")).longValue()).isEqualTo(4);
		Map<String, Object> lobster = this.jdbc.queryForMap(
				"SELECT * FROM read.item_daily WHERE day = DATE '2024-01-05' AND item_id = ? AND timestep = '1h'",
				LOBSTER);
		assertThat(lobster).containsEntry("avg_high", null)
			.containsEntry("avg_low", 150L)
			.containsEntry("margin", null);
	}

	@Test
	void alertsCountPerDayItemAndTypeOnce() {
		UserId dave = new UserId(UUID.randomUUID());
		WatchlistId watchlist = new WatchlistId(dave);
		for (int i = 0; i < 3; i++) {
			this.events.publish(new GenericDomainEventMessage<>("Watchlist", watchlist.toString(), i,
					new AlertTriggeredEvent(watchlist, dave, "a" + i, "r1", 2222, AlertType.PRICE_AT_OR_ABOVE, 100, 120,
							at("2024-02-01T10:00:00Z"), at("2024-02-01T10:00:0" + i + "Z"))));
		}
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc
				.queryForList("SELECT alerts FROM read.alert_daily WHERE day = DATE '2024-02-01' AND item_id = 2222",
						Long.class)
				.equals(List.of(3L)));

		this.projection.on(new AlertTriggeredEvent(watchlist, dave, "a2", "r1", 2222, AlertType.PRICE_AT_OR_ABOVE, 100,
				120, at("2024-02-01T10:00:00Z"), at("2024-02-01T10:00:02Z")), 2);

		assertThat(this.jdbc
			.queryForObject("SELECT alerts FROM read.alert_daily WHERE day = DATE '2024-02-01' AND item_id = 2222 "
					+ "AND type = 'PRICE_AT_OR_ABOVE'", Long.class))
			.isEqualTo(3L);
	}

	private void awaitApplied(Flip flip) {
		await().atMost(TIMEOUT).until(() -> {
			Long rollup = this.jdbc.queryForObject("SELECT max(version) FROM read.rollup_flips WHERE flip_id = ?",
					Long.class, flip.id.value());
			Long journal = this.jdbc.queryForObject("""
					SELECT max(version) FROM (SELECT version FROM read.flips WHERE flip_id = ?
					UNION ALL SELECT version FROM read.flip_tombstones WHERE flip_id = ?) v
					""", Long.class, flip.id.value(), flip.id.value());
			return rollup != null && rollup >= flip.sequence && journal != null && journal >= flip.sequence;
		});
	}

	private List<String> dump() {
		return this.jdbc.queryForList("""
				SELECT 'flip_daily ' || row_to_json(d)::TEXT FROM read.flip_daily d
				UNION ALL SELECT 'item_daily ' || row_to_json(i)::TEXT FROM read.item_daily i
				UNION ALL SELECT 'alert_daily ' || row_to_json(a)::TEXT FROM read.alert_daily a
				UNION ALL SELECT 'rollup_flips ' || row_to_json(f)::TEXT FROM read.rollup_flips f
				UNION ALL SELECT 'rollup_buckets ' || row_to_json(b)::TEXT FROM read.rollup_buckets b
				UNION ALL SELECT 'rollup_watchlists ' || row_to_json(w)::TEXT FROM read.rollup_watchlists w
				ORDER BY 1
				""", String.class);
	}

	private StreamingEventProcessor processor() {
		return this.processing.eventProcessor(RollupsProjection.GROUP, StreamingEventProcessor.class).orElseThrow();
	}

	private boolean replay() {
		StreamingEventProcessor processor = processor();
		processor.shutDown();
		try {
			processor.resetTokens();
			return true;
		}
		finally {
			processor.start();
		}
	}

	private boolean replayed() {
		Map<Integer, EventTrackerStatus> status = processor().processingStatus();
		return status.size() == 1 && status.values()
			.stream()
			.allMatch((segment) -> segment.isCaughtUp() && (!segment.isReplaying()
					|| (segment.getCurrentPosition().isPresent() && segment.getResetPosition().isPresent()
							&& segment.getCurrentPosition().getAsLong() >= segment.getResetPosition().getAsLong())));
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

	/** One flip's events, appended as the command side's Flip aggregate would. */
	final class Flip {

		final FlipId id = new FlipId(UUID.randomUUID());

		final UserId user;

		long sequence = -1;

		Flip(UserId user) {
			this.user = user;
		}

		Flip sale(String saleId, long quantity, long price, String soldAt) {
			return append(new FlipSaleRecordedEvent(this.id, this.user, saleId, quantity, price, at(soldAt)));
		}

		/** Appends the event, with this flip's id in place of a {@code null} one. */
		Flip append(Object payload) {
			Object event = withId(payload);
			this.sequence++;
			RollupsProjectionIT.this.events
				.publish(new GenericDomainEventMessage<>("Flip", this.id.toString(), this.sequence, event));
			return this;
		}

		private Object withId(Object payload) {
			if (payload instanceof FlipOpenedEvent e) {
				return new FlipOpenedEvent(this.id, e.userId(), e.account(), e.itemId(), e.quantity(), e.pricePerItem(),
						e.boughtAt());
			}
			if (payload instanceof FlipBuyCorrectedEvent e) {
				return new FlipBuyCorrectedEvent(this.id, e.userId(), e.quantity(), e.pricePerItem(), e.boughtAt(),
						e.correctedAt());
			}
			if (payload instanceof FlipSaleCorrectedEvent e) {
				return new FlipSaleCorrectedEvent(this.id, e.userId(), e.saleId(), e.quantity(), e.pricePerItem(),
						e.soldAt(), e.correctedAt());
			}
			if (payload instanceof FlipWrittenOffEvent e) {
				return new FlipWrittenOffEvent(this.id, e.userId(), e.quantity(), e.writtenOffAt());
			}
			if (payload instanceof FlipDeletedEvent e) {
				return new FlipDeletedEvent(this.id, e.userId(), e.deletedAt());
			}
			return payload;
		}

	}

}
