package com.gemetrics.query.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

import org.springframework.stereotype.Service;

/**
 * Every tracking processor of both apps, with where it stands: this app's processors from
 * their live state, the other app's (their tokens share {@code token_entry}) from their
 * tokens and claims.
 */
@Service
class Projections {

	static final String THIS_APP = "query-side";

	static final String OTHER_APP = "command-side";

	private final ProjectionPositions positions;

	private final ProjectionRates rates;

	private final EventProcessingConfiguration processing;

	private final Clock clock;

	private final Duration claimTimeout;

	private final OnlineRebuilds rebuilds;

	Projections(ProjectionPositions positions, ProjectionRates rates, EventProcessingConfiguration processing,
			Clock clock, ProjectionsProperties properties, OnlineRebuilds rebuilds) {
		this.rebuilds = rebuilds;
		this.positions = positions;
		this.rates = rates;
		this.processing = processing;
		this.clock = clock;
		this.claimTimeout = properties.claimTimeout();
	}

	/** Every processor, by name, and the head of the event store. */
	ProjectionList list() {
		Instant now = this.clock.instant();
		Map<String, ProjectionPositions.Tokens> tokens = this.positions.tokens();
		long head = this.positions.head();
		Map<String, Long> deadLetters = this.positions.deadLetters();
		Map<String, StreamingEventProcessor> local = localProcessors();
		Map<String, OnlineRebuilds.Rebuild> rebuilding = this.rebuilds.all();
		TreeSet<String> names = new TreeSet<>(tokens.keySet());
		names.addAll(local.keySet());
		names.removeIf((name) -> name.endsWith(RebuildConfig.SUFFIX));
		List<ProjectionView> views = new ArrayList<>();
		for (String name : names) {
			ProjectionPositions.Tokens processorTokens = tokens.get(name);
			long position = (processorTokens != null) ? processorTokens.position() : 0;
			if (processorTokens != null) {
				this.rates.record(name, now, position);
			}
			StreamingEventProcessor processor = local.get(name);
			String state = (processor != null) ? localState(processor, processorTokens)
					: remoteState(processorTokens, now);
			long lag = Math.max(0, head - position);
			Double rate = this.rates.rate(name);
			Long eta = eta(lag, rate);
			OnlineRebuilds.Rebuild rebuild = rebuilding.get(name);
			RebuildView rebuildView = (rebuild != null) ? rebuildView(rebuild, tokens, head, deadLetters, now) : null;
			views.add(new ProjectionView(name, (processor != null) ? THIS_APP : OTHER_APP,
					(rebuild != null) ? ProjectionView.REBUILDING : state, position, head, lag,
					(rate != null) ? Math.round(rate * 10) / 10.0 : null, eta,
					(processorTokens != null) ? processorTokens.segmentIds().size() : 0,
					deadLetters.getOrDefault(name, 0L), rebuildView));
		}
		return new ProjectionList(head, views);
	}

	private RebuildView rebuildView(OnlineRebuilds.Rebuild rebuild, Map<String, ProjectionPositions.Tokens> tokens,
			long head, Map<String, Long> deadLetters, Instant now) {
		String name = RebuildConfig.shadowProcessor(rebuild.name());
		ProjectionPositions.Tokens shadow = tokens.get(name);
		long position = (shadow != null) ? shadow.position() : 0;
		if (shadow != null) {
			this.rates.record(name, now, position);
		}
		long lag = Math.max(0, head - position);
		Double rate = this.rates.rate(name);
		double progress = (head > 0) ? Math.min(1.0, (double) position / head) : 1.0;
		return new RebuildView(name, rebuild.startedAt(), rebuild.tables(), position, lag,
				Math.floor(progress * 1000) / 1000.0, (rate != null) ? Math.round(rate * 10) / 10.0 : null,
				eta(lag, rate), deadLetters.getOrDefault(name, 0L));
	}

	private Map<String, StreamingEventProcessor> localProcessors() {
		Map<String, StreamingEventProcessor> local = new HashMap<>();
		this.processing.eventProcessors().forEach((name, processor) -> {
			if (processor instanceof StreamingEventProcessor streaming) {
				local.put(name, streaming);
			}
		});
		return local;
	}

	private static Long eta(long lag, Double rate) {
		if (lag == 0) {
			return 0L;
		}
		return (rate != null && rate > 0) ? (long) Math.ceil(lag / rate) : null;
	}

	private static String localState(StreamingEventProcessor processor, ProjectionPositions.Tokens tokens) {
		if (!processor.isRunning()) {
			return ProjectionView.STOPPED;
		}
		if (processor.isReplaying() || (tokens != null && tokens.replaying())) {
			return ProjectionView.REPLAYING;
		}
		return ProjectionView.RUNNING;
	}

	private String remoteState(ProjectionPositions.Tokens tokens, Instant now) {
		if (tokens == null || !tokens.claimedSince(now.minus(this.claimTimeout))) {
			return ProjectionView.STOPPED;
		}
		return tokens.replaying() ? ProjectionView.REPLAYING : ProjectionView.RUNNING;
	}

	/**
	 * The listing.
	 *
	 * @param head the highest global index in the event store
	 * @param processors every processor, by name
	 */
	record ProjectionList(long head, List<ProjectionView> processors) {
	}

	/**
	 * One processor.
	 *
	 * @param name the processor (processing group)
	 * @param app which app runs it: {@code query-side} (this one) or {@code command-side}
	 * @param state {@code running}, {@code replaying}, {@code rebuilding} or
	 * {@code stopped}
	 * @param position the global index every segment has applied up to (the lowest
	 * segment's), 0 before the first event
	 * @param head the highest global index in the event store
	 * @param lag events between the position and the head
	 * @param eventsPerSecond the rate over the last minute, {@code null} until measured
	 * @param etaSeconds seconds until the head at that rate, {@code null} when unknown
	 * @param segments how many segments it has tokens for
	 * @param deadLetters events parked in its dead-letter queue
	 * @param rebuild the online rebuild under way ({@code state} is then
	 * {@code rebuilding}), or {@code null}
	 */
	record ProjectionView(String name, String app, String state, long position, long head, long lag,
			Double eventsPerSecond, Long etaSeconds, int segments, long deadLetters, RebuildView rebuild) {

		static final String RUNNING = "running";

		static final String REBUILDING = "rebuilding";

		static final String REPLAYING = "replaying";

		static final String STOPPED = "stopped";

	}

	/**
	 * The online rebuild of a projection: its processor fills {@code read_next} while
	 * queries read the live tables.
	 *
	 * @param processor the rebuild's processor, {@code <name>__next}
	 * @param startedAt when the rebuild was requested
	 * @param tables the tables rebuilt (schema {@code read})
	 * @param position the global index the rebuild has applied up to
	 * @param lag events between it and the head
	 * @param progress position ÷ head, from 0 to 1
	 * @param eventsPerSecond its rate over the last minute, {@code null} until measured
	 * @param etaSeconds seconds until it reaches the head (then it switches)
	 * @param deadLetters events parked by the rebuild
	 */
	record RebuildView(String processor, Instant startedAt, List<String> tables, long position, long lag,
			double progress, Double eventsPerSecond, Long etaSeconds, long deadLetters) {
	}

}
