package com.gemetrics.query.projections;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads where every tracking processor stands, from {@code token_entry} (shared by both
 * apps' processors), the head of the event store and the dead letters per processor. Only
 * reads: nothing here claims a segment.
 */
@Repository
class ProjectionPositions {

	private final JdbcTemplate jdbc;

	private final Serializer serializer;

	ProjectionPositions(JdbcTemplate jdbc, Serializer serializer) {
		this.jdbc = jdbc;
		this.serializer = serializer;
	}

	/** The highest global index in the event store, 0 when it is empty. */
	long head() {
		Long head = this.jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
		return (head != null) ? head : 0;
	}

	/** Every processor with a token, by name. */
	Map<String, Tokens> tokens() {
		Map<String, Tokens> byName = new TreeMap<>();
		this.jdbc.query("SELECT processor_name, segment, token, token_type, owner, timestamp FROM token_entry",
				(rs) -> {
					String name = rs.getString("processor_name");
					TrackingToken token = token(rs.getBytes("token"), rs.getString("token_type"));
					OffsetDateTime claimed = parse(rs.getString("timestamp"));
					Tokens tokens = byName.computeIfAbsent(name, (key) -> new Tokens(name, new HashMap<>()));
					tokens.segments()
						.put(rs.getInt("segment"), new SegmentToken(token, rs.getString("owner"),
								(claimed != null) ? claimed.toInstant() : null));
				});
		return byName;
	}

	/** Parked events per processing group. */
	Map<String, Long> deadLetters() {
		Map<String, Long> counts = new HashMap<>();
		this.jdbc.query("SELECT processing_group, count(*) AS n FROM dead_letter_entry GROUP BY processing_group",
				(rs) -> {
					counts.put(rs.getString("processing_group"), rs.getLong("n"));
				});
		return counts;
	}

	private TrackingToken token(byte[] bytes, String type) {
		if (bytes == null || type == null) {
			return null;
		}
		return this.serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
	}

	private static OffsetDateTime parse(String timestamp) {
		try {
			return (timestamp != null) ? OffsetDateTime.parse(timestamp) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The tokens of one processor.
	 *
	 * @param name the processor
	 * @param segments its segments' tokens by segment id
	 */
	record Tokens(String name, Map<Integer, SegmentToken> segments) {

		/**
		 * The lowest position of its segments (every event up to it is applied by all), 0
		 * when a segment has applied nothing yet.
		 */
		long position() {
			long lowest = Long.MAX_VALUE;
			for (SegmentToken segment : this.segments.values()) {
				lowest = Math.min(lowest, segment.position());
			}
			return (lowest == Long.MAX_VALUE) ? 0 : lowest;
		}

		/** Whether any segment is replaying (its token is a replay token). */
		boolean replaying() {
			return this.segments.values().stream().anyMatch((segment) -> ReplayToken.isReplay(segment.token()));
		}

		/**
		 * Whether any segment is claimed by a node whose claim was renewed after
		 * {@code since}.
		 */
		boolean claimedSince(Instant since) {
			return this.segments.values()
				.stream()
				.anyMatch((segment) -> segment.owner() != null && segment.claimedAt() != null
						&& segment.claimedAt().isAfter(since));
		}

		List<Integer> segmentIds() {
			return List.copyOf(new TreeMap<>(this.segments).keySet());
		}

	}

	/**
	 * One segment's token.
	 *
	 * @param token the token, {@code null} before the first event
	 * @param owner the node holding the claim, or {@code null}
	 * @param claimedAt when the claim was last taken or renewed
	 */
	record SegmentToken(TrackingToken token, String owner, Instant claimedAt) {

		long position() {
			if (this.token == null) {
				return 0;
			}
			OptionalLong position = this.token.position();
			return position.isPresent() ? position.getAsLong() : 0;
		}

	}

}
