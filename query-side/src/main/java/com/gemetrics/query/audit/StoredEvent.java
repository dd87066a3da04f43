package com.gemetrics.query.audit;

/**
 * One row of {@code domain_event_entry}, as stored.
 */
record StoredEvent(long globalIndex, String aggregateType, String aggregateId, long sequence, String eventId,
		String timestamp, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
}
