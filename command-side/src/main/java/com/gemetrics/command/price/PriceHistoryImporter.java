package com.gemetrics.command.price;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.gemetrics.api.price.HistoryPoint;
import com.gemetrics.api.price.PriceHistoryImportedEvent;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.command.price.PriceHistoryImportResponse.ImportStatus;
import com.gemetrics.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Imports an item's past prices from {@code /timeseries} once per timestep, within the
 * global request cap.
 */
@Service
class PriceHistoryImporter {

	private static final Logger log = LoggerFactory.getLogger(PriceHistoryImporter.class);

	private final HistoryImports imports;

	private final HistoryImportRateLimiter rateLimiter;

	private final OsrsClient client;

	private final PollStatusRepository status;

	private final PollerMetrics metrics;

	private final Clock clock;

	PriceHistoryImporter(HistoryImports imports, HistoryImportRateLimiter rateLimiter, OsrsClient client,
			PollStatusRepository status, PollerMetrics metrics, Clock clock) {
		this.imports = imports;
		this.rateLimiter = rateLimiter;
		this.client = client;
		this.status = status;
		this.metrics = metrics;
		this.clock = clock;
	}

	PriceHistoryImportResponse importHistory(int itemId, Timestep timestep) {
		Optional<Integer> earlier = this.imports.importedPoints(itemId, timestep);
		if (earlier.isPresent()) {
			return new PriceHistoryImportResponse(itemId, timestep.code(), ImportStatus.ALREADY_IMPORTED,
					earlier.get());
		}
		Duration wait = acquire();
		if (!wait.isZero()) {
			throw new HistoryImportRateLimitedException(wait);
		}
		List<HistoryPoint> points = fetch(itemId, timestep);
		try {
			Optional<PriceHistoryImportedEvent> event = this.imports.record(itemId, timestep, points,
					this.clock.instant());
			event.ifPresent(this.metrics::eventEmitted);
			log.info("Imported {} {} points of item {}", points.size(), timestep.code(), itemId);
			return new PriceHistoryImportResponse(itemId, timestep.code(), ImportStatus.IMPORTED, points.size());
		}
		catch (HistoryImports.AlreadyImportedException ex) {
			int stored = this.imports.importedPoints(itemId, timestep).orElse(points.size());
			return new PriceHistoryImportResponse(itemId, timestep.code(), ImportStatus.ALREADY_IMPORTED, stored);
		}
	}

	private Duration acquire() {
		try {
			return this.rateLimiter.tryAcquire();
		}
		catch (RuntimeException ex) {
			log.error("History-import rate limiter unavailable", ex);
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "RATE_LIMITER_UNAVAILABLE",
					"Imports are paused while the rate limiter is unavailable; try again later.");
		}
	}

	private List<HistoryPoint> fetch(int itemId, Timestep timestep) {
		Instant attemptAt = this.clock.instant();
		try {
			List<HistoryPoint> points = this.client.timeseries(itemId, timestep);
			Instant succeededAt = this.clock.instant();
			this.status.succeeded(PollEndpoint.TIMESERIES, attemptAt, succeededAt);
			this.metrics.pollSucceeded(PollEndpoint.TIMESERIES, succeededAt);
			return points;
		}
		catch (OsrsApiException ex) {
			log.warn("History import of item {} ({}) failed: {}", itemId, timestep.code(), ex.getMessage());
			this.metrics.pollFailed(PollEndpoint.TIMESERIES);
			this.status.failed(PollEndpoint.TIMESERIES, attemptAt, this.clock.instant(), ex.getMessage());
			throw new ApiException(HttpStatus.BAD_GATEWAY, "OSRS_API_UNAVAILABLE",
					"The prices API did not answer usably; try again later.");
		}
	}

}
