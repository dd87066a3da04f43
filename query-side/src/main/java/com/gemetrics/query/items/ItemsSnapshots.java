package com.gemetrics.query.items;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Holds this instance's {@link ItemsSnapshot} and keeps it current. Every
 * {@code ge.items.refresh-interval} it compares the list's tag in Redis with its own and
 * reloads on a change; when Redis is unreachable or empty it falls back to
 * {@code read.item_summary} (reloading only when the table's fingerprint moved) and
 * counts {@code ge.redis.fallbacks}. The projection of this instance installs what it
 * just wrote without waiting for the next check. When staleness flips, the snapshot is
 * rebuilt from the same data.
 * <p>
 * Publishes {@code ge.items.snapshot.age}: seconds since the snapshot was last confirmed
 * current against Redis or Postgres (it grows when both are unreachable).
 */
@Component
class ItemsSnapshots {

	private static final Logger log = LoggerFactory.getLogger(ItemsSnapshots.class);

	private final ItemsRedisStore redis;

	private final ItemSummaryRepository repository;

	private final ItemsCodec codec;

	private final ItemsStaleness staleness;

	private final RedisFallbacks fallbacks;

	private final Clock clock;

	private final ItemsGzipFiles files;

	private volatile ItemsSnapshot current;

	private volatile Instant verifiedAt;

	private boolean redisFailing;

	ItemsSnapshots(ItemsRedisStore redis, ItemSummaryRepository repository, ItemsCodec codec, ItemsStaleness staleness,
			RedisFallbacks fallbacks, Clock clock, ItemsGzipFiles files, MeterRegistry registry) {
		this.files = files;
		this.redis = redis;
		this.repository = repository;
		this.codec = codec;
		this.staleness = staleness;
		this.fallbacks = fallbacks;
		this.clock = clock;
		Gauge.builder("ge.items.snapshot.age", this, ItemsSnapshots::ageSeconds)
			.description("Seconds since the items snapshot was last confirmed current")
			.baseUnit("seconds")
			.register(registry);
	}

	/** The current snapshot, or {@code null} when none could be built yet. */
	ItemsSnapshot current() {
		return this.current;
	}

	/**
	 * The current snapshot, trying once to build one when there is none; may still be
	 * {@code null}.
	 */
	ItemsSnapshot currentOrLoad() {
		ItemsSnapshot snapshot = this.current;
		if (snapshot == null) {
			refresh();
			snapshot = this.current;
		}
		return snapshot;
	}

	/** Installs the list this instance's projection has just written. */
	synchronized void install(ItemsCanonical canonical) {
		replace(canonical, "projection");
	}

	/** Drops the snapshot (after a projection reset), so the next check rebuilds it. */
	synchronized void clear() {
		this.current = null;
	}

	@Scheduled(fixedDelayString = "${ge.items.refresh-interval:200ms}")
	synchronized void refresh() {
		ItemsSnapshot snapshot = this.current;
		Loaded loaded;
		try {
			loaded = fromRedis(snapshot);
			if (this.redisFailing) {
				log.info("Redis serves the items list again");
				this.redisFailing = false;
			}
		}
		catch (RuntimeException ex) {
			if (!this.redisFailing) {
				log.warn("Cannot read the items list from Redis, serving from memory and Postgres: {}", ex.toString());
				this.redisFailing = true;
			}
			this.fallbacks.count(RedisFallbacks.READ_FAILED);
			loaded = fromPostgres(snapshot);
		}
		if (loaded != null) {
			replace(loaded.canonical(), loaded.source());
		}
		else if (snapshot != null && snapshot == this.current) {
			boolean stale = this.staleness.isStale();
			if (stale != snapshot.stale()) {
				log.info("Item prices are now {}", stale ? "stale" : "fresh");
				this.current = withFile(ItemsSnapshot.of(snapshot.canonical(), stale, snapshot.source(),
						this.clock.instant(), this.codec));
			}
		}
	}

	/**
	 * The list in Redis when it differs from the snapshot's and is not older;
	 * {@code null} otherwise.
	 */
	private Loaded fromRedis(ItemsSnapshot snapshot) {
		String tag = this.redis.readTag();
		if (tag != null && snapshot != null && tag.equals(snapshot.canonical().tag())) {
			this.verifiedAt = this.clock.instant();
			return null;
		}
		ItemsCanonical list = (tag != null) ? this.redis.readList() : null;
		if (list == null) {
			this.fallbacks.count(RedisFallbacks.READ_EMPTY);
			return fromPostgres(snapshot);
		}
		if (snapshot != null && ItemRow.versionMicros(list.sourceVersion()) < ItemRow
			.versionMicros(snapshot.canonical().sourceVersion())) {
			return null;
		}
		this.verifiedAt = this.clock.instant();
		return new Loaded(list, "redis");
	}

	/**
	 * The rows in Postgres when the table moved since the snapshot was built;
	 * {@code null} otherwise.
	 */
	private Loaded fromPostgres(ItemsSnapshot snapshot) {
		try {
			String version = this.repository.version();
			if (snapshot != null && version.equals(snapshot.canonical().sourceVersion())) {
				this.verifiedAt = this.clock.instant();
				return null;
			}
			ItemsCanonical list = this.codec.canonical(this.repository.loadAll());
			this.verifiedAt = this.clock.instant();
			return new Loaded(list, "postgres");
		}
		catch (RuntimeException ex) {
			log.warn("Cannot read the items from Postgres either, keeping the snapshot: {}", ex.toString());
			return null;
		}
	}

	private void replace(ItemsCanonical canonical, String source) {
		Instant now = this.clock.instant();
		this.current = withFile(ItemsSnapshot.of(canonical, this.staleness.isStale(), source, now, this.codec));
		this.verifiedAt = now;
	}

	private ItemsSnapshot withFile(ItemsSnapshot snapshot) {
		return snapshot.withGzipFile(this.files.publish(snapshot.gzipEtag(), snapshot.gzip()));
	}

	private double ageSeconds() {
		Instant at = this.verifiedAt;
		return (at != null) ? Duration.between(at, this.clock.instant()).toMillis() / 1000.0 : Double.NaN;
	}

	private record Loaded(ItemsCanonical canonical, String source) {
	}

}
