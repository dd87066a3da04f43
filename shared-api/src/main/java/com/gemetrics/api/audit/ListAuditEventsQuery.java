package com.gemetrics.api.audit;

import java.time.Instant;

/**
 * Asks for a page of the event history for auditors, oldest first, answered with an
 * {@link AuditEventPage}. Every filter is optional ({@code null}: any) and they combine.
 *
 * @param aggregateType only events of this aggregate type ({@code Flip}, {@code User},
 * ...)
 * @param aggregateId only events of this aggregate
 * @param userId only events whose payload names this user ({@code userId})
 * @param payloadType only events of this type (fully qualified payload type)
 * @param from only events stored at or after this instant
 * @param to only events stored before this instant
 * @param after only events after this global position (0: from the start)
 * @param limit the most events in the page
 */
public record ListAuditEventsQuery(String aggregateType, String aggregateId, String userId, String payloadType,
		Instant from, Instant to, long after, int limit) {
}
