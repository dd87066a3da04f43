package com.gemetrics.api.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event as auditors see it.
 *
 * @param globalPosition its position in the whole event store (global index)
 * @param aggregateType the aggregate's type ({@code null} for market data, which has
 * none)
 * @param aggregateId the aggregate's id (the event's own id for market data)
 * @param sequence its sequence number in the aggregate's stream
 * @param type the payload's type, after upcasting
 * @param revision the payload's revision, after upcasting
 * @param timestamp when it was stored
 * @param payload the payload at its current revision, as a JSON tree
 * @param metadata its metadata (actor, request, correlation and causation ids, version)
 */
public record AuditEventView(long globalPosition, String aggregateType, String aggregateId, long sequence, String type,
		String revision, Instant timestamp, Object payload, Map<String, Object> metadata) {
}
