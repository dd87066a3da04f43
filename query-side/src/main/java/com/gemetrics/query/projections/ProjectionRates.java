package com.gemetrics.query.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each processor's rate in events per second, from readings of its position taken every
 * {@code ge.projections.sample-interval} (and at each listing): the events applied
 * between the oldest reading within {@code ge.projections.rate-window} and the newest,
 * divided by the time between them. No rate until two readings at least a second apart
 * exist.
 */
@Component
class ProjectionRates {

	private static final Duration MIN_SPAN = Duration.ofSeconds(1);

	private final ProjectionPositions positions;

	private final Clock clock;

	private final Duration window;

	private final Map<String, Deque<Reading>> readings = new ConcurrentHashMap<>();

	ProjectionRates(ProjectionPositions positions, Clock clock, ProjectionsProperties properties) {
		this.positions = positions;
		this.clock = clock;
		this.window = properties.rateWindow();
	}

	@Scheduled(fixedDelayString = "${ge.projections.sample-interval:5s}",
			initialDelayString = "${ge.projections.sample-interval:5s}")
	void sample() {
		Instant now = this.clock.instant();
		this.positions.tokens().forEach((name, tokens) -> record(name, now, tokens.position()));
	}

	/**
	 * Adds a reading and forgets those older than the window (keeping the latest of
	 * them).
	 */
	void record(String processor, Instant at, long position) {
		Deque<Reading> deque = this.readings.computeIfAbsent(processor, (key) -> new ArrayDeque<>());
		synchronized (deque) {
			Reading last = deque.peekLast();
			if (last != null && position < last.position()) {
				deque.clear();
			}
			deque.addLast(new Reading(at, position));
			Instant oldest = at.minus(this.window);
			while (deque.size() > 2 && !second(deque).at().isAfter(oldest)) {
				deque.removeFirst();
			}
		}
	}

	/**
	 * Events per second over the window, or {@code null} without two readings far enough
	 * apart.
	 */
	Double rate(String processor) {
		Deque<Reading> deque = this.readings.get(processor);
		if (deque == null) {
			return null;
		}
		synchronized (deque) {
			if (deque.size() < 2) {
				return null;
			}
			Reading first = deque.peekFirst();
			Reading last = deque.peekLast();
			Duration span = Duration.between(first.at(), last.at());
			if (span.compareTo(MIN_SPAN) < 0) {
				return null;
			}
			return (last.position() - first.position()) * 1000.0 / span.toMillis();
		}
	}

	private static Reading second(Deque<Reading> deque) {
		var readings = deque.iterator();
		readings.next();
		return readings.next();
	}

	private record Reading(Instant at, long position) {
	}

}
