package com.gemetrics.command.price;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.gemetrics.api.price.Timestep;
import com.gemetrics.command.item.ItemCatalog;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Polls the prices API, one endpoint per call, under a ShedLock lock per endpoint so that
 * only one command-side instance polls at a time. Each poll publishes at most one event.
 * A failed poll is logged, counted and recorded in {@code market.poll_status}; it never
 * escapes, and it never touches the last good state.
 */
@Component
class MarketPoller {

	private static final Logger log = LoggerFactory.getLogger(MarketPoller.class);

	static final String LOCK_PREFIX = "osrs-poll-";

	private final OsrsClient client;

	private final ItemCatalog catalog;

	private final LatestPrices latestPrices;

	private final VolumeWindows volumeWindows;

	private final PollStatusRepository status;

	private final PollerMetrics metrics;

	private final LockingTaskExecutor locks;

	private final PollerProperties properties;

	private final Clock clock;

	MarketPoller(OsrsClient client, ItemCatalog catalog, LatestPrices latestPrices, VolumeWindows volumeWindows,
			PollStatusRepository status, PollerMetrics metrics, LockingTaskExecutor locks, PollerProperties properties,
			Clock clock) {
		this.client = client;
		this.catalog = catalog;
		this.latestPrices = latestPrices;
		this.volumeWindows = volumeWindows;
		this.status = status;
		this.metrics = metrics;
		this.locks = locks;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Syncs the catalogue from {@code /mapping}; returns whether this instance held the
	 * lock.
	 */
	boolean pollMapping() {
		return poll(PollEndpoint.MAPPING, this.properties.mapping(),
				() -> this.catalog.sync(this.client.mapping(), this.clock.instant()));
	}

	/**
	 * Records changed quotes from {@code /latest}; returns whether this instance held the
	 * lock.
	 */
	boolean pollLatest() {
		return poll(PollEndpoint.LATEST, this.properties.latest(),
				() -> this.latestPrices.record(this.client.latest(), this.clock.instant()));
	}

	/**
	 * Records the newest completed {@code /5m} bucket; returns whether this instance held
	 * the lock.
	 */
	boolean pollFiveMinute() {
		return poll(PollEndpoint.FIVE_MINUTE, this.properties.fiveMinute(),
				() -> this.volumeWindows.record(this.client.window(Timestep.FIVE_MINUTES), this.clock.instant()));
	}

	/**
	 * Records the newest completed {@code /1h} bucket; returns whether this instance held
	 * the lock.
	 */
	boolean pollOneHour() {
		return poll(PollEndpoint.ONE_HOUR, this.properties.oneHour(),
				() -> this.volumeWindows.record(this.client.window(Timestep.ONE_HOUR), this.clock.instant()));
	}

	private boolean poll(PollEndpoint endpoint, PollerProperties.Task task, Supplier<Optional<?>> work) {
		AtomicBoolean ran = new AtomicBoolean();
		LockConfiguration lock = new LockConfiguration(this.clock.instant(), LOCK_PREFIX + endpoint.tag(),
				task.lockAtMostFor(), task.lockAtLeastFor());
		this.locks.executeWithLock((Runnable) () -> {
			ran.set(true);
			runPoll(endpoint, work);
		}, lock);
		if (!ran.get()) {
			log.debug("Skipped /{} poll: another instance holds the lock", endpoint.tag());
		}
		return ran.get();
	}

	private void runPoll(PollEndpoint endpoint, Supplier<Optional<?>> work) {
		Instant attemptAt = this.clock.instant();
		try {
			Optional<?> event = work.get();
			Instant succeededAt = this.clock.instant();
			this.status.succeeded(endpoint, attemptAt, succeededAt);
			this.metrics.pollSucceeded(endpoint, succeededAt);
			event.ifPresentOrElse(this.metrics::eventEmitted,
					() -> log.debug("Polled /{}: nothing new", endpoint.tag()));
			event.ifPresent((published) -> log.info("Polled /{}: published {}", endpoint.tag(),
					published.getClass().getSimpleName()));
		}
		catch (OsrsApiException ex) {
			log.warn("Poll of /{} failed: {}", endpoint.tag(), ex.getMessage());
			failed(endpoint, attemptAt, ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.error("Poll of /{} failed unexpectedly", endpoint.tag(), ex);
			failed(endpoint, attemptAt, ex.getClass().getSimpleName());
		}
	}

	private void failed(PollEndpoint endpoint, Instant attemptAt, String error) {
		this.metrics.pollFailed(endpoint);
		this.status.failed(endpoint, attemptAt, this.clock.instant(), error);
	}

}
