package com.gemetrics.query.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import com.gemetrics.api.price.GeLimits;
import com.gemetrics.platform.web.ApiException;

/**
 * Checks of the audit endpoints' parameters: each broken one is a 400 with its own code,
 * and a parameter the endpoint does not know is refused too ({@code UNKNOWN_PARAMETER}),
 * so a misspelt filter never widens an auditor's answer to the whole history.
 */
final class AuditParameters {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	static final Set<String> FILTERS = Set.of("aggregateType", "aggregateId", "userId", "eventType", "from", "to");

	static final Set<String> PAGING = Set.of("after", "limit");

	private static final Pattern AGGREGATE_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");

	private static final Pattern QUALIFIED_TYPE = Pattern
		.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)+");

	private static final Pattern AGGREGATE_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private AuditParameters() {
	}

	/** Refuses any parameter not in {@code allowed}. */
	static void onlyKnown(Map<String, String[]> given, Set<String> allowed) {
		for (String name : given.keySet()) {
			if (!allowed.contains(name)) {
				throw ApiException.badRequest("UNKNOWN_PARAMETER",
						"Unknown parameter; allowed: " + String.join(", ", new TreeSet<>(allowed)) + ".");
			}
		}
	}

	static AuditFilter filter(String aggregateType, String aggregateId, String userId, String eventType, Instant from,
			Instant to, AuditEventTypes types) {
		if (aggregateType != null && !AGGREGATE_TYPE.matcher(aggregateType).matches()) {
			throw ApiException.badRequest("INVALID_AGGREGATE_TYPE",
					"Parameter 'aggregateType' must be an aggregate's type name, such as Flip or User.");
		}
		if (aggregateId != null && !AGGREGATE_ID.matcher(aggregateId).matches()) {
			throw ApiException.badRequest("INVALID_AGGREGATE_ID",
					"Parameter 'aggregateId' must be 1 to 255 printable ASCII characters without spaces.");
		}
		return new AuditFilter(aggregateType, aggregateId, user(userId), eventType(eventType, types),
				time("from", from), range(from, time("to", to)));
	}

	private static String user(String userId) {
		if (userId == null) {
			return null;
		}
		try {
			return UUID.fromString(userId).toString();
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest("INVALID_USER_ID", "Parameter 'userId' must be a user id (a UUID).");
		}
	}

	/**
	 * A simple event name ({@code FlipOpenedEvent}) must be one of today's events; a
	 * fully qualified one may also name a type only older events carry.
	 */
	private static String eventType(String eventType, AuditEventTypes types) {
		if (eventType == null) {
			return null;
		}
		if (QUALIFIED_TYPE.matcher(eventType).matches() && eventType.length() <= 255) {
			return eventType;
		}
		return types.qualified(eventType)
			.orElseThrow(() -> ApiException.badRequest("UNKNOWN_EVENT_TYPE",
					"Parameter 'eventType' must name an event, such as FlipOpenedEvent, or be a fully qualified "
							+ "payload type."));
	}

	private static Instant time(String name, Instant time) {
		if (time != null && !GeLimits.isValidQueryTime(time)) {
			throw ApiException.badRequest("INVALID_TIME", "Parameter '" + name
					+ "' must be an ISO-8601 instant between 2013-02-22T00:00:00Z and 9999-12-31T23:59:59Z.");
		}
		return time;
	}

	private static Instant range(Instant from, Instant to) {
		if (from != null && to != null && !from.isBefore(to)) {
			throw ApiException.badRequest("INVALID_RANGE", "Parameter 'from' must be before 'to'.");
		}
		return to;
	}

	/** The global position to page after: 0 (from the start) when absent. */
	static long after(String after) {
		if (after == null) {
			return 0;
		}
		try {
			long position = Long.parseLong(after);
			if (position >= 0) {
				return position;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw ApiException.badRequest("INVALID_CURSOR",
				"Parameter 'after' must be a global position (nextAfter of the previous page), 0 or more.");
	}

	static int limit(String limit) {
		if (limit == null) {
			return DEFAULT_LIMIT;
		}
		try {
			int value = Integer.parseInt(limit);
			if (value >= 1 && value <= MAX_LIMIT) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw ApiException.badRequest("INVALID_LIMIT", "Parameter 'limit' must be between 1 and " + MAX_LIMIT + ".");
	}

}
