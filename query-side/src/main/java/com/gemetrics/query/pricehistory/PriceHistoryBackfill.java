package com.gemetrics.query.pricehistory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.gemetrics.api.price.Timestep;
import com.gemetrics.query.pricehistory.HistoryImportClient.Failed;
import com.gemetrics.query.pricehistory.HistoryImportClient.Imported;
import com.gemetrics.query.pricehistory.HistoryImportClient.RateLimited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Imports an item's history the first time it is read: when no import of that item and
 * timestep is recorded, asks the command side for one, then waits a bounded time for the
 * projection to store the points. Concurrent reads of the same item share one call; after
 * a refusal (rate cap) or a failure, the same item is not asked for again until the retry
 * time has passed. Never throws.
 */
@Component
class PriceHistoryBackfill {

	/**
	 * How a read's backfill went; {@link #header()} is the {@code X-History-Import}
	 * value, if any.
	 */
	enum Outcome {

		/** Imported before, or nothing to import. */
		NOT_NEEDED(null),

		/** Imported by this read (or one it waited for): the points are stored. */
		IMPORTED(null),

		/**
		 * Asked for but not stored yet (rate cap, or the projection is behind): read
		 * again later.
		 */
		PENDING("pending"),

		/** The command side is unreachable or failed: the history may be incomplete. */
		FAILED("failed");

		private final String header;

		Outcome(String header) {
			this.header = header;
		}

		String header() {
			return this.header;
		}

	}

	static final String HEADER = "X-History-Import";

	static final Duration PROJECTION_POLL = Duration.ofMillis(50);

	private static final Logger log = LoggerFactory.getLogger(PriceHistoryBackfill.class);

	private final HistoryImportClient client;

	private final PriceHistoryRepository repository;

	private final Clock clock;

	private final PriceHistoryProperties.Backfill settings;

	private final Set<Key> imported = ConcurrentHashMap.newKeySet();

	private final Map<Key, CompletableFuture<Attempt>> attempts = new ConcurrentHashMap<>();

	PriceHistoryBackfill(HistoryImportClient client, PriceHistoryRepository repository, Clock clock,
			PriceHistoryProperties properties) {
		this.client = client;
		this.repository = repository;
		this.clock = clock;
		this.settings = properties.backfill();
	}

	Outcome ensureImported(int itemId, Timestep timestep) {
		if (!this.settings.enabled()) {
			return Outcome.NOT_NEEDED;
		}
		Key key = new Key(itemId, timestep);
		if (this.imported.contains(key)) {
			return Outcome.NOT_NEEDED;
		}
		if (this.repository.isImported(itemId, timestep)) {
			this.imported.add(key);
			this.attempts.remove(key);
			return Outcome.NOT_NEEDED;
		}
		Instant now = this.clock.instant();
		if (this.attempts.size() >= this.settings.maxTracked()) {
			this.attempts.values().removeIf((attempt) -> expired(attempt, now));
			if (this.attempts.size() >= this.settings.maxTracked()) {
				log.warn("{} history imports already tracked; not asking for item {} {}", this.attempts.size(), itemId,
						timestep.code());
				return Outcome.PENDING;
			}
		}
		CompletableFuture<Attempt> mine = new CompletableFuture<>();
		CompletableFuture<Attempt> current = this.attempts.compute(key,
				(k, existing) -> (existing == null || expired(existing, now)) ? mine : existing);
		if (current == mine) {
			return run(key, mine);
		}
		return await(current);
	}

	private Outcome run(Key key, CompletableFuture<Attempt> attempt) {
		Attempt result = new Attempt(Outcome.FAILED, this.clock.instant().plus(this.settings.retryAfterFailure()));
		try {
			result = importAndWait(key);
		}
		finally {
			attempt.complete(result);
			if (result.outcome() == Outcome.IMPORTED) {
				this.imported.add(key);
				this.attempts.remove(key, attempt);
			}
		}
		return result.outcome();
	}

	private Attempt importAndWait(Key key) {
		HistoryImportClient.Result answer = this.client.requestImport(key.itemId(), key.timestep());
		if (answer instanceof Imported done) {
			if (done.points() == 0 || awaitProjection(key)) {
				log.info("History of item {} {} imported ({}, {} points)", key.itemId(), key.timestep().code(),
						done.status(), done.points());
				return new Attempt(Outcome.IMPORTED, Instant.MAX);
			}
			log.info("History of item {} {} imported ({}) but not projected within {}", key.itemId(),
					key.timestep().code(), done.status(), this.settings.projectionWait());
			return new Attempt(Outcome.PENDING, this.clock.instant().plus(this.settings.retryAfterFailure()));
		}
		if (answer instanceof RateLimited limited) {
			log.info("History import of item {} {} refused by the rate cap; retry after {}", key.itemId(),
					key.timestep().code(), limited.retryAfter());
			return new Attempt(Outcome.PENDING, this.clock.instant().plus(limited.retryAfter()));
		}
		Failed failed = (Failed) answer;
		log.warn("History import of item {} {} failed: {}", key.itemId(), key.timestep().code(), failed.reason());
		return new Attempt(Outcome.FAILED, this.clock.instant().plus(this.settings.retryAfterFailure()));
	}

	private boolean awaitProjection(Key key) {
		long polls = Math.max(1, this.settings.projectionWait().toMillis() / PROJECTION_POLL.toMillis());
		for (long i = 0; i < polls; i++) {
			if (this.repository.isImported(key.itemId(), key.timestep())) {
				return true;
			}
			try {
				Thread.sleep(PROJECTION_POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return this.repository.isImported(key.itemId(), key.timestep());
	}

	private Outcome await(CompletableFuture<Attempt> attempt) {
		Duration patience = this.settings.connectTimeout()
			.plus(this.settings.readTimeout())
			.plus(this.settings.projectionWait());
		try {
			return attempt.get(patience.toMillis(), TimeUnit.MILLISECONDS).outcome();
		}
		catch (TimeoutException ex) {
			return Outcome.PENDING;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Outcome.PENDING;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("history import attempts always complete normally", ex);
		}
	}

	private static boolean expired(CompletableFuture<Attempt> attempt, Instant now) {
		return attempt.isDone() && !attempt.join().retryAt().isAfter(now);
	}

	private record Key(int itemId, Timestep timestep) {
	}

	/**
	 * A finished import attempt.
	 *
	 * @param outcome how it went
	 * @param retryAt when the same item may be asked for again
	 */
	private record Attempt(Outcome outcome, Instant retryAt) {
	}

}
