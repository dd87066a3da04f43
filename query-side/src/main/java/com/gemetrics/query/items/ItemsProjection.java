package com.gemetrics.query.items;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import com.gemetrics.api.item.CatalogItem;
import com.gemetrics.api.item.ItemCatalogSyncedEvent;
import com.gemetrics.api.item.ItemView;
import com.gemetrics.api.price.GeTax;
import com.gemetrics.api.price.LatestPricesObservedEvent;
import com.gemetrics.api.price.MarketMath;
import com.gemetrics.api.price.PriceQuote;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.price.VolumeWindowObservedEvent;
import com.gemetrics.api.price.WindowAverage;
import com.gemetrics.platform.deadletter.WithoutSavepoint;
import com.gemetrics.query.items.ItemSummaryRepository.MarketStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Projects the market-data events into {@code read.item_summary} and
 * {@code read.market_status}, then into the Redis views and this instance's snapshot.
 * <p>
 * Each batch loads the whole table once (about 4,200 rows; within a batch the state left
 * by the previous event is reused, and a failed batch is rolled back and retried with a
 * fresh one). Each event applies itself and recomputes the derived figures of the rows it
 * changed, and of every row when the nature rune's price or the tax rule in force changed
 * (and at the first event of a batch, so a new tax rule reaches every item); it writes
 * back only the rows that differ. Derived figures use the tax rule in force at the latest
 * applied {@code /latest} poll: the projection is deterministic, and a replay restates
 * it. Handlers are idempotent; an older window bucket than the one applied is ignored.
 * <p>
 * Redis is written once per batch, after the transaction commits; a failed write is
 * counted and logged, never fails the batch, and is repaired from Postgres by
 * {@link ItemsRedisRepair}. A batch whose latest event is older than {@link #LIVE_WINDOW}
 * (a replay, or a processor far behind) leaves Redis to that repair (every
 * {@code ge.items.repair-interval}): rebuilding the whole list for every batch of history
 * would cost more than the projection itself.
 */
@Component
@ProcessingGroup(ItemsProjection.GROUP)
@WithoutSavepoint
class ItemsProjection {

	static final String GROUP = "items";

	private static final Logger log = LoggerFactory.getLogger(ItemsProjection.class);

	private static final String STATE = ItemsProjection.class.getName() + ".state";

	/**
	 * Batches of events older than this are not written to Redis (the repair job does).
	 */
	static final Duration LIVE_WINDOW = Duration.ofMinutes(1);

	private final ItemSummaryRepository repository;

	private final ItemsRedisStore redis;

	private final ItemsSnapshots snapshots;

	private final ItemsCodec codec;

	private final RedisFallbacks fallbacks;

	private final Clock clock;

	ItemsProjection(ItemSummaryRepository repository, ItemsRedisStore redis, ItemsSnapshots snapshots, ItemsCodec codec,
			RedisFallbacks fallbacks, Clock clock) {
		this.repository = repository;
		this.redis = redis;
		this.snapshots = snapshots;
		this.codec = codec;
		this.fallbacks = fallbacks;
		this.clock = clock;
	}

	@EventHandler
	void on(ItemCatalogSyncedEvent event) {
		State state = state();
		for (CatalogItem item : event.items()) {
			state.update(item.id(), (row) -> row.withCatalog(item));
		}
		state.status = new MarketStatus(state.status.lastPricesObservedAt(), state.status.last5mBucket(),
				state.status.last1hBucket(), later(state.status.lastCatalogSyncedAt(), event.syncedAt()));
		save(state, event.syncedAt());
	}

	@EventHandler
	void on(LatestPricesObservedEvent event) {
		State state = state();
		for (PriceQuote quote : event.prices()) {
			state.update(quote.itemId(), (row) -> row.withQuote(quote, event.observedAt()));
		}
		state.status = new MarketStatus(later(state.status.lastPricesObservedAt(), event.observedAt()),
				state.status.last5mBucket(), state.status.last1hBucket(), state.status.lastCatalogSyncedAt());
		save(state, event.observedAt());
	}

	@EventHandler
	void on(VolumeWindowObservedEvent event) {
		State state = state();
		boolean fiveMinutes = event.timestep() == Timestep.FIVE_MINUTES;
		Instant applied = fiveMinutes ? state.status.last5mBucket() : state.status.last1hBucket();
		if (applied != null && event.bucketStart().isBefore(applied)) {
			return;
		}
		Map<Integer, WindowAverage> traded = new HashMap<>();
		event.items().forEach((average) -> traded.put(average.itemId(), average));
		traded.keySet().forEach((id) -> state.update(id, UnaryOperator.identity()));
		for (ItemRow row : new ArrayList<>(state.rows.values())) {
			WindowAverage average = traded.get(row.itemId());
			if (average != null || row.hasWindow(fiveMinutes)) {
				state.update(row.itemId(), (current) -> fiveMinutes ? current.withFiveMinuteWindow(average)
						: current.withOneHourWindow(average));
			}
		}
		Instant bucket = ItemRow.micros(event.bucketStart());
		state.status = fiveMinutes
				? new MarketStatus(state.status.lastPricesObservedAt(), bucket, state.status.last1hBucket(),
						state.status.lastCatalogSyncedAt())
				: new MarketStatus(state.status.lastPricesObservedAt(), state.status.last5mBucket(), bucket,
						state.status.lastCatalogSyncedAt());
		save(state, event.bucketStart());
	}

	@ResetHandler
	void reset() {
		log.info("Resetting the items read model");
		this.repository.deleteAll();
		this.redis.deleteAll();
		this.snapshots.clear();
	}

	/**
	 * The table as this batch has left it so far, or as stored; notes the time of the
	 * event being handled.
	 */
	private State state() {
		if (!CurrentUnitOfWork.isStarted()) {
			return new State(this.repository.loadAll(), this.repository.loadStatus());
		}
		State state = CurrentUnitOfWork.get()
			.root()
			.getOrComputeResource(STATE, (key) -> new State(this.repository.loadAll(), this.repository.loadStatus()));
		if (CurrentUnitOfWork.get().getMessage() instanceof EventMessage<?> message) {
			Instant at = message.getTimestamp();
			if (state.latestEventTime == null || at.isAfter(state.latestEventTime)) {
				state.latestEventTime = at;
			}
		}
		return state;
	}

	/**
	 * Recomputes every row's figures, writes the rows that differ and the status, and
	 * schedules the Redis write for after the commit.
	 */
	private void save(State state, Instant eventTime) {
		Instant asOf = (state.status.lastPricesObservedAt() != null) ? state.status.lastPricesObservedAt() : eventTime;
		ItemRow nature = state.rows.get(MarketMath.NATURE_RUNE_ID);
		Long natureRuneHigh = (nature != null) ? nature.high() : null;
		Instant writeAt = state.nextWriteTime(this.clock.instant());
		boolean everyRow = !state.derivedOnce || !Objects.equals(natureRuneHigh, state.derivedNatureRuneHigh)
				|| !GeTax.ruleAt(asOf).equals(GeTax.ruleAt(state.derivedAsOf));
		List<ItemRow> rows = new ArrayList<>(everyRow ? state.rows.size() : state.touched.size());
		if (everyRow) {
			rows.addAll(state.rows.values());
		}
		else {
			state.touched.forEach((id) -> rows.add(state.rows.get(id)));
		}
		state.touched.clear();
		state.derivedOnce = true;
		state.derivedAsOf = asOf;
		state.derivedNatureRuneHigh = natureRuneHigh;
		List<ItemRow> changed = new ArrayList<>();
		for (ItemRow row : rows) {
			ItemRow derived = row.derived(asOf, natureRuneHigh);
			ItemRow stored = state.stored.get(row.itemId());
			if (!derived.sameContentAs(stored)) {
				ItemRow written = derived.withUpdatedAt(writeAt);
				changed.add(written);
				state.rows.put(written.itemId(), written);
				state.stored.put(written.itemId(), written);
				state.changedIds.put(written.itemId(), Boolean.TRUE);
				state.latestWrite = writeAt;
			}
		}
		if (CurrentUnitOfWork.isStarted()) {
			changed.forEach((row) -> state.unwritten.put(row.itemId(), row));
			if (!state.publishScheduled) {
				state.publishScheduled = true;
				CurrentUnitOfWork.get().root().onPrepareCommit((uow) -> write(state));
				CurrentUnitOfWork.get().root().afterCommit((uow) -> publish(state));
			}
		}
		else {
			this.repository.upsertAll(changed);
			this.repository.saveStatus(state.status);
			publish(state);
		}
	}

	/**
	 * Writes the batch's changed rows, each once as the batch left it, and the status, in
	 * the batch's transaction: a row changed by many polls of a batch (or the one status
	 * row) is not updated once per event, which on PostgreSQL leaves a chain of row
	 * versions that every later update of the transaction walks.
	 */
	private void write(State state) {
		this.repository.upsertAll(new ArrayList<>(state.unwritten.values()));
		state.unwritten.clear();
		this.repository.saveStatus(state.status);
	}

	/**
	 * Writes the views to Redis and installs them here; a Redis failure is counted, not
	 * thrown.
	 */
	private void publish(State state) {
		if (state.latestEventTime != null && state.latestEventTime.isBefore(this.clock.instant().minus(LIVE_WINDOW))) {
			return;
		}
		ItemsCanonical list = this.codec.canonical(state.stored);
		List<ItemView> changed = new ArrayList<>(state.changedIds.size());
		state.changedIds.keySet().forEach((id) -> changed.add(state.stored.get(id).toView()));
		try {
			this.redis.write(list, changed);
		}
		catch (RuntimeException ex) {
			this.fallbacks.count(RedisFallbacks.WRITE_FAILED);
			log.warn("Cannot write the items views to Redis ({} changed items); the repair will rebuild them: {}",
					changed.size(), ex.toString());
		}
		this.snapshots.install(list);
	}

	private static Instant later(Instant a, Instant b) {
		Instant bMicros = ItemRow.micros(b);
		return (a == null || (bMicros != null && bMicros.isAfter(a))) ? bMicros : a;
	}

	/** The working copy of the table within one batch. */
	private static final class State {

		/** Rows with the batch's changes applied, derived figures possibly outdated. */
		final Map<Integer, ItemRow> rows;

		/** Rows as written to Postgres so far. */
		final Map<Integer, ItemRow> stored;

		/** Ids written in this batch, for the per-item Redis keys. */
		final Map<Integer, Boolean> changedIds = new LinkedHashMap<>();

		/** Rows changed in this batch and not written yet, by id. */
		final Map<Integer, ItemRow> unwritten = new TreeMap<>();

		/** Ids of rows changed since their figures were last derived. */
		final Set<Integer> touched = new LinkedHashSet<>();

		MarketStatus status;

		boolean publishScheduled;

		/** Whether every row's figures were derived in this batch already. */
		boolean derivedOnce;

		Instant derivedAsOf;

		Long derivedNatureRuneHigh;

		/** The latest {@code updatedAt} of a stored row. */
		Instant latestWrite;

		/** The time of the latest event applied in this batch. */
		Instant latestEventTime;

		State(Map<Integer, ItemRow> rows, MarketStatus status) {
			this.rows = new TreeMap<>(rows);
			this.stored = new TreeMap<>(rows);
			this.status = status;
			for (ItemRow row : rows.values()) {
				if (row.updatedAt() != null
						&& (this.latestWrite == null || row.updatedAt().isAfter(this.latestWrite))) {
					this.latestWrite = row.updatedAt();
				}
			}
		}

		void update(int itemId, UnaryOperator<ItemRow> change) {
			ItemRow row = this.rows.get(itemId);
			ItemRow changed = change.apply((row != null) ? row : ItemRow.unknown(itemId));
			if (!changed.equals(row)) {
				this.rows.put(itemId, changed);
				this.touched.add(itemId);
			}
		}

		/**
		 * Now, or just after the latest write, so the table's fingerprint always moves
		 * forward.
		 */
		Instant nextWriteTime(Instant now) {
			Instant at = now.truncatedTo(ChronoUnit.MICROS);
			return (this.latestWrite != null && !at.isAfter(this.latestWrite))
					? this.latestWrite.plus(1, ChronoUnit.MICROS) : at;
		}

	}

}
