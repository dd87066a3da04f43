package com.gemetrics.platform.deadletter;

import java.time.Instant;

/**
 * One parked event, as an admin sees it.
 *
 * @param processor the event processor (processing group) that parked it
 * @param sequenceId its sequence: the aggregate id, or {@code market-data}
 * @param sequenceIndex its place in the sequence (1: the one that failed first)
 * @param eventType the event's payload type
 * @param eventId the event's identifier
 * @param aggregateId the aggregate that applied it, if any
 * @param aggregateSequence its sequence number in that aggregate, if any
 * @param globalIndex its position in the event store, if known
 * @param occurredAt the event's timestamp
 * @param causeType the exception that parked it (none for events parked only because an
 * earlier event of their sequence is)
 * @param causeMessage its message, truncated
 * @param enqueuedAt when it was parked
 * @param lastTouched when it was last parked or retried
 * @param retries failed retries after the first failure
 */
public record DeadLetterView(String processor, String sequenceId, long sequenceIndex, String eventType, String eventId,
		String aggregateId, Long aggregateSequence, Long globalIndex, Instant occurredAt, String causeType,
		String causeMessage, Instant enqueuedAt, Instant lastTouched, long retries) {
}
