package com.gemetrics.query.audit;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.gemetrics.api.audit.AuditEventPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.queryhandling.QueryGateway;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The event history for auditors (role AUDITOR or ADMIN; SecurityConfig): pages of stored
 * events, oldest first, and the same as a streamed NDJSON export with a checksum line.
 * Every call is recorded in the access log ({@link AuditAccessLog}).
 */
@RestController
@Tag(name = "audit")
class AuditController {

	static final String EVENTS = "/api/v1/audit/events";

	static final String EXPORT = "/api/v1/audit/events/export";

	private static final String FILTERS_DOC = " Filters (all optional, combined): aggregateType, aggregateId, userId, "
			+ "eventType (FlipOpenedEvent, or a fully qualified type), stored time range [from, to).";

	private final QueryGateway queries;

	private final AuditEventTypes types;

	private final AuditExporter exporter;

	private final AuditAccessLog accessLog;

	AuditController(QueryGateway queries, AuditEventTypes types, AuditExporter exporter, AuditAccessLog accessLog) {
		this.queries = queries;
		this.types = types;
		this.exporter = exporter;
		this.accessLog = accessLog;
	}

	@Operation(summary = "Stored events, oldest first (auditor or admin)",
			description = "Keyset-paginated by global position: pass nextAfter back as after." + FILTERS_DOC
					+ " Each event's payload is upcast to its current revision; metadata as stored.")
	@ApiResponse(responseCode = "200", description = "A page of events")
	@ApiResponse(responseCode = "400",
			description = "INVALID_AGGREGATE_TYPE, INVALID_AGGREGATE_ID, INVALID_USER_ID, UNKNOWN_EVENT_TYPE, "
					+ "INVALID_TIME, INVALID_RANGE, INVALID_CURSOR, INVALID_LIMIT, UNKNOWN_PARAMETER, INVALID_PARAMETER",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping(EVENTS)
	ResponseEntity<AuditEventPage> events(Authentication authentication, HttpServletRequest request,
			@Parameter(description = "only this aggregate type: User, Flip, Watchlist, Subscription") @RequestParam(
					required = false) String aggregateType,
			@Parameter(description = "only this aggregate") @RequestParam(required = false) String aggregateId,
			@Parameter(description = "only events naming this user id in their payload") @RequestParam(
					required = false) String userId,
			@Parameter(description = "only this event type") @RequestParam(required = false) String eventType,
			@Parameter(description = "stored at or after, ISO-8601") @RequestParam(required = false) Instant from,
			@Parameter(description = "stored before, ISO-8601") @RequestParam(required = false) Instant to,
			@Parameter(
					description = "nextAfter of the previous page (a global position); 0 or absent: the start") @RequestParam(
							required = false) String after,
			@Parameter(description = "page size, 1 to 1000 (default 100)") @RequestParam(
					required = false) String limit) {
		AuditParameters.onlyKnown(request.getParameterMap(), union(AuditParameters.FILTERS, AuditParameters.PAGING));
		AuditFilter filter = AuditParameters.filter(aggregateType, aggregateId, userId, eventType, from, to,
				this.types);
		long position = AuditParameters.after(after);
		int size = AuditParameters.limit(limit);
		AuditEventPage page = this.queries.query(filter.page(position, size), AuditEventPage.class).join();
		Map<String, Object> described = new LinkedHashMap<>(filter.describe());
		described.put("after", position);
		described.put("limit", size);
		this.accessLog.record(AuditAccessLog.caller(authentication), "GET " + EVENTS, described, page.items().size(),
				AuditAccessLog.COMPLETE);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page);
	}

	@Operation(summary = "Every matching stored event as NDJSON (auditor or admin)",
			description = "Streamed, oldest first; gzip when Accept-Encoding allows it." + FILTERS_DOC
					+ " One event per line as in a page; the last line is {\"count\": n, \"sha256\": hex}, the SHA-256 "
					+ "of all bytes before it (every event line with its '\\n'): "
					+ "`head -n -1 events.ndjson | sha256sum` checks a copy.")
	@ApiResponse(responseCode = "200", description = "The export (application/x-ndjson)")
	@ApiResponse(responseCode = "400",
			description = "INVALID_AGGREGATE_TYPE, INVALID_AGGREGATE_ID, INVALID_USER_ID, UNKNOWN_EVENT_TYPE, "
					+ "INVALID_TIME, INVALID_RANGE, UNKNOWN_PARAMETER, INVALID_PARAMETER",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping(EXPORT)
	ResponseEntity<StreamingResponseBody> export(Authentication authentication, HttpServletRequest request,
			@RequestParam(required = false) String aggregateType, @RequestParam(required = false) String aggregateId,
			@RequestParam(required = false) String userId, @RequestParam(required = false) String eventType,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
		AuditParameters.onlyKnown(request.getParameterMap(), AuditParameters.FILTERS);
		AuditFilter filter = AuditParameters.filter(aggregateType, aggregateId, userId, eventType, from, to,
				this.types);
		return this.exporter.export(filter, AuditAccessLog.caller(authentication), acceptsGzip(acceptEncoding));
	}

	/** Whether {@code Accept-Encoding} allows gzip (named, or {@code *}, without q=0). */
	static boolean acceptsGzip(String acceptEncoding) {
		if (acceptEncoding == null) {
			return false;
		}
		for (String part : acceptEncoding.split(",")) {
			String[] pieces = part.trim().split(";");
			String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
			if (!coding.equals("gzip") && !coding.equals("*")) {
				continue;
			}
			boolean refused = false;
			for (int i = 1; i < pieces.length; i++) {
				String parameter = pieces[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
				if (parameter.matches("q=0(\\.0{0,3})?")) {
					refused = true;
				}
			}
			if (!refused) {
				return true;
			}
		}
		return false;
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> all = new HashSet<>(first);
		all.addAll(second);
		return all;
	}

}
