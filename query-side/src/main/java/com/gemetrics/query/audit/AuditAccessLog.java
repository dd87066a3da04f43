package com.gemetrics.query.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Records every call of the auditors' API: a row in {@code audit.access_log} (insert-only
 * for this app, V101) and a structured log line with the same fields
 * ({@code audit.actor}, {@code audit.roles}, {@code audit.endpoint},
 * {@code audit.filters}, {@code audit.returned}, {@code audit.outcome}). A call that
 * cannot be recorded fails.
 */
@Component
class AuditAccessLog {

	static final String COMPLETE = "complete";

	static final String ABORTED = "aborted";

	/** Where the request tracing filter (platform-web) keeps the request id. */
	static final String REQUEST_ID_MDC_KEY = "request.id";

	private static final Logger log = LoggerFactory.getLogger(AuditAccessLog.class);

	private final JdbcTemplate jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	AuditAccessLog(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** Who called, as recorded: taken on the request's thread, used maybe on another. */
	static Caller caller(Authentication authentication) {
		String roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.sorted()
			.collect(Collectors.joining(","));
		return new Caller(authentication.getName(), roles, MDC.get(REQUEST_ID_MDC_KEY));
	}

	void record(Caller caller, String endpoint, Map<String, Object> filters, long returned, String outcome) {
		String filtersJson;
		try {
			filtersJson = this.json.writeValueAsString(filters);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("cannot write the audit filters", ex);
		}
		this.jdbc.update(
				"""
						INSERT INTO audit.access_log (accessed_at, actor, roles, endpoint, filters, returned, outcome, request_id)
						VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)
						""",
				Timestamp.from(this.clock.instant()), caller.actor(), caller.roles(), endpoint, filtersJson, returned,
				outcome, caller.requestId());
		log.atInfo()
			.addKeyValue("audit.actor", caller.actor())
			.addKeyValue("audit.roles", caller.roles())
			.addKeyValue("audit.endpoint", endpoint)
			.addKeyValue("audit.filters", filtersJson)
			.addKeyValue("audit.returned", returned)
			.addKeyValue("audit.outcome", outcome)
			.log("Audit access by {} ({}) to {} with {}: {} events, {}", caller.actor(), caller.roles(), endpoint,
					filtersJson, returned, outcome);
	}

	/** The caller of an audit request. */
	record Caller(String actor, String roles, String requestId) {
	}

}
