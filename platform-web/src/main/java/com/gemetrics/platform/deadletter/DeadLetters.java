package com.gemetrics.platform.deadletter;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.gemetrics.platform.web.ApiException;

/**
 * The dead letters of this app's processors: listed straight from
 * {@code dead_letter_entry} (the table is shared by both apps, so every query names this
 * app's processors), retried through Axon's dead-letter processor of each processing
 * group (the same handlers, interceptors and savepoints as live events), evicted by
 * sequence.
 */
public class DeadLetters {

	/** The longest cause message an answer carries. */
	static final int CAUSE_MESSAGE_LENGTH = 300;

	/** Diagnostics key: how many times handling the event failed. */
	static final String ATTEMPTS = "attempts";

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private static final String HEADS = """
			SELECT sequence_identifier, enqueued_at, last_touched FROM dead_letter_entry dl
			WHERE processing_group = ? AND (processing_started IS NULL OR processing_started < ?)
			  AND sequence_index = (SELECT min(sequence_index) FROM dead_letter_entry d2
			    WHERE d2.processing_group = dl.processing_group AND d2.sequence_identifier = dl.sequence_identifier)
			ORDER BY last_touched, sequence_identifier LIMIT ?
			""";

	private final Set<String> processors;

	private final EventProcessingConfiguration processing;

	private final JdbcTemplate jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	DeadLetters(Set<String> processors, EventProcessingConfiguration processing, JdbcTemplate jdbc, ObjectMapper json,
			Clock clock) {
		this.processors = new TreeSet<>(processors);
		this.processing = processing;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** This app's processors that have a dead-letter queue. */
	public Set<String> processors() {
		return this.processors;
	}

	/** Dead letters per processor (zero for those without any). */
	public Map<String, Long> counts() {
		Map<String, Long> counts = new HashMap<>();
		this.processors.forEach((processor) -> counts.put(processor, 0L));
		this.jdbc.query("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group",
				(ResultSet row) -> {
					if (this.processors.contains(row.getString(1))) {
						counts.put(row.getString(1), row.getLong(2));
					}
				});
		return counts;
	}

	/**
	 * The dead letters of one processor, or of all when {@code processor} is null, in
	 * order.
	 */
	public List<DeadLetterView> list(String processor, int limit) {
		String[] groups = (processor != null) ? new String[] { known(processor) }
				: this.processors.toArray(String[]::new);
		return this.jdbc.query("""
				SELECT processing_group, sequence_identifier, sequence_index, payload_type, event_identifier,
				  aggregate_identifier, sequence_number, time_stamp, token, cause_type, cause_message, enqueued_at,
				  last_touched, diagnostics
				FROM dead_letter_entry WHERE processing_group = ANY (?)
				ORDER BY processing_group, enqueued_at, sequence_identifier, sequence_index LIMIT ?
				""", (row, n) -> view(row), groups, limit);
	}

	/** How many dead letters the processor (or all when null) holds. */
	public long total(String processor) {
		String[] groups = (processor != null) ? new String[] { known(processor) }
				: this.processors.toArray(String[]::new);
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ANY (?)",
				Long.class, (Object) groups);
		return (total != null) ? total : 0;
	}

	/**
	 * Retries the processor's parked sequences now (at most {@code maxSequences}, those
	 * waiting longest first), each from its first letter on, in order.
	 */
	public RetryResult retryAll(String processor, int maxSequences) {
		List<String> sequences = this.jdbc.query(HEADS, (row, n) -> row.getString(1), known(processor),
				DateTimeUtils.formatInstant(claimLimit()), maxSequences);
		return retry(processor, sequences);
	}

	/**
	 * Retries the processor's sequences whose backoff has run out (see
	 * {@link DeadLetterProperties.Retry}).
	 */
	RetryResult retryDue(String processor, DeadLetterProperties.Retry retry) {
		Instant now = this.clock.instant();
		List<String> due = new ArrayList<>();
		this.jdbc.query(HEADS, (ResultSet row) -> {
			Instant enqueuedAt = Instant.parse(row.getString(2));
			Instant lastTouched = Instant.parse(row.getString(3));
			if (!now.isBefore(lastTouched.plus(retry.delay(enqueuedAt, lastTouched)))) {
				due.add(row.getString(1));
			}
		}, known(processor), DateTimeUtils.formatInstant(claimLimit()), retry.sequencesPerCheck());
		return retry(processor, due);
	}

	/** Evicts every letter of one sequence; the number evicted (0: there was none). */
	public int evict(String processor, String sequenceId) {
		int evicted = this.jdbc.update(
				"DELETE FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?",
				known(processor), sequenceId);
		if (evicted > 0) {
			log.warn("Evicted {} dead letters of sequence {} from processor {}: those events are not applied", evicted,
					sequenceId, processor);
		}
		return evicted;
	}

	private RetryResult retry(String processor, List<String> sequences) {
		SequencedDeadLetterProcessor<EventMessage<?>> deadLetters = this.processing
			.sequencedDeadLetterProcessor(processor)
			.orElseThrow(() -> unknown(processor));
		int succeeded = 0;
		for (String sequence : sequences) {
			if (retrySequence(processor, deadLetters, sequence)) {
				succeeded++;
			}
		}
		return new RetryResult(processor, sequences.size(), succeeded, total(processor));
	}

	private boolean retrySequence(String processor, SequencedDeadLetterProcessor<EventMessage<?>> deadLetters,
			String sequence) {
		try {
			boolean processed = deadLetters.process((letter) -> letter instanceof JdbcDeadLetter<?> row
					&& sequence.equals(row.getSequenceIdentifier()));
			if (processed) {
				log.info("Dead-lettered sequence {} of processor {} applied on retry", sequence, processor);
			}
			return processed;
		}
		catch (RuntimeException ex) {
			log.warn("Retrying dead-lettered sequence {} of processor {} failed", sequence, processor, ex);
			return false;
		}
	}

	/**
	 * Letters claimed longer ago than Axon's claim duration (30 s) may be claimed again.
	 */
	private Instant claimLimit() {
		return this.clock.instant().minusSeconds(30);
	}

	private String known(String processor) {
		if (!this.processors.contains(processor)) {
			throw unknown(processor);
		}
		return processor;
	}

	private ApiException unknown(String processor) {
		return new ApiException(HttpStatus.NOT_FOUND, "UNKNOWN_PROCESSOR",
				"No processor with a dead-letter queue is called '" + shorten(processor, 64) + "' here; known: "
						+ this.processors + ".");
	}

	private DeadLetterView view(ResultSet row) throws SQLException {
		long sequenceNumber = row.getLong("sequence_number");
		Long aggregateSequence = row.wasNull() ? null : sequenceNumber;
		String lastTouched = row.getString("last_touched");
		return new DeadLetterView(row.getString("processing_group"), row.getString("sequence_identifier"),
				row.getLong("sequence_index"), row.getString("payload_type"), row.getString("event_identifier"),
				row.getString("aggregate_identifier"), aggregateSequence, jsonLong(row.getBytes("token"), "index"),
				Instant.parse(row.getString("time_stamp")), row.getString("cause_type"),
				shorten(row.getString("cause_message"), CAUSE_MESSAGE_LENGTH),
				Instant.parse(row.getString("enqueued_at")), (lastTouched != null) ? Instant.parse(lastTouched) : null,
				retries(row.getBytes("diagnostics")));
	}

	private long retries(byte[] diagnostics) {
		Long attempts = jsonLong(diagnostics, ATTEMPTS);
		return (attempts != null) ? Math.max(0, attempts - 1) : 0;
	}

	private Long jsonLong(byte[] document, String field) {
		if (document == null) {
			return null;
		}
		try {
			JsonNode value = this.json.readTree(document).get(field);
			return (value != null && value.canConvertToLong()) ? value.asLong() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String shorten(String text, int length) {
		return (text == null || text.length() <= length) ? text : text.substring(0, length) + "…";
	}

	/**
	 * The outcome of a retry.
	 *
	 * @param processor the processor
	 * @param attempted sequences tried
	 * @param succeeded sequences applied in full and removed from the queue
	 * @param remaining dead letters the processor still holds
	 */
	public record RetryResult(String processor, int attempted, int succeeded, long remaining) {
	}

}
