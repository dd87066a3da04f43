package com.gemetrics.query.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.gemetrics.api.audit.ListAuditEventsQuery;

/**
 * The checked filters of an audit request ({@link AuditParameters}); {@code null} is any.
 */
record AuditFilter(String aggregateType, String aggregateId, String userId, String payloadType, Instant from,
		Instant to) {

	static AuditFilter of(ListAuditEventsQuery query) {
		return new AuditFilter(query.aggregateType(), query.aggregateId(), query.userId(), query.payloadType(),
				query.from(), query.to());
	}

	ListAuditEventsQuery page(long after, int limit) {
		return new ListAuditEventsQuery(this.aggregateType, this.aggregateId, this.userId, this.payloadType, this.from,
				this.to, after, limit);
	}

	/** The filters given, by parameter name, for the access log. */
	Map<String, Object> describe() {
		Map<String, Object> given = new LinkedHashMap<>();
		put(given, "aggregateType", this.aggregateType);
		put(given, "aggregateId", this.aggregateId);
		put(given, "userId", this.userId);
		put(given, "eventType", this.payloadType);
		put(given, "from", (this.from != null) ? this.from.toString() : null);
		put(given, "to", (this.to != null) ? this.to.toString() : null);
		return given;
	}

	private static void put(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
