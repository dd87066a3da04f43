package com.gemetrics.query.axon;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Spreads event-processor segments over the live query-side instances. Axon's streaming
 * processors claim every free segment they have threads for, so the first instance up
 * holds them all; this heartbeat lets each instance see how many instances are alive and
 * release the segments it holds beyond its fair share
 * ({@code ceil(segments / instances)}), which another instance then claims.
 */
@Component
class SegmentBalancer {

	private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

	private final String nodeId = UUID.randomUUID().toString();

	private final JdbcTemplate jdbc;

	private final EventProcessingConfiguration processing;

	private final Clock clock;

	private final Duration nodeTimeout;

	SegmentBalancer(JdbcTemplate jdbc, EventProcessingConfiguration processing, Clock clock,
			@Value("${ge.axon.node-timeout:30s}") Duration nodeTimeout) {
		this.jdbc = jdbc;
		this.processing = processing;
		this.clock = clock;
		this.nodeTimeout = nodeTimeout;
	}

	@Scheduled(fixedDelayString = "${ge.axon.balance-interval:5s}",
			initialDelayString = "${ge.axon.balance-interval:5s}")
	void heartbeatAndBalance() {
		Instant now = this.clock.instant();
		this.jdbc.update("""
				INSERT INTO event_processor_node (node_id, last_seen) VALUES (?, ?)
				ON CONFLICT (node_id) DO UPDATE SET last_seen = EXCLUDED.last_seen""", this.nodeId,
				Timestamp.from(now));
		this.jdbc.update("DELETE FROM event_processor_node WHERE last_seen < ?",
				Timestamp.from(now.minus(this.nodeTimeout.multipliedBy(4))));
		Integer liveNodes = this.jdbc.queryForObject("SELECT count(*) FROM event_processor_node WHERE last_seen >= ?",
				Integer.class, Timestamp.from(now.minus(this.nodeTimeout)));
		Integer segments = this.jdbc.queryForObject("SELECT count(*) FROM token_entry", Integer.class);
		List<Owned> owned = ownedSegments();
		release(owned, excess(owned.size(), segments, liveNodes));
	}

	/** How many of its {@code owned} segments a node holds beyond its fair share. */
	static int excess(int owned, Integer totalSegments, Integer liveNodes) {
		int nodes = Math.max(1, (liveNodes != null) ? liveNodes : 1);
		int total = (totalSegments != null) ? totalSegments : 0;
		int fairShare = (total + nodes - 1) / nodes;
		return Math.max(0, owned - fairShare);
	}

	private void release(List<Owned> owned, int count) {
		for (int i = 0; i < count; i++) {
			Owned segment = owned.get(owned.size() - 1 - i);
			log.info("Releasing segment {} of processor {} to another query-side instance", segment.segmentId(),
					segment.processor().getName());
			segment.processor().releaseSegment(segment.segmentId());
		}
	}

	private List<Owned> ownedSegments() {
		List<Owned> owned = new ArrayList<>();
		this.processing.eventProcessors().values().forEach((processor) -> {
			if (processor instanceof StreamingEventProcessor streaming) {
				streaming.processingStatus().keySet().forEach((segment) -> owned.add(new Owned(streaming, segment)));
			}
		});
		owned.sort(Comparator.comparing((Owned o) -> o.processor().getName()).thenComparingInt(Owned::segmentId));
		return owned;
	}

	private record Owned(StreamingEventProcessor processor, int segmentId) {
	}

}
