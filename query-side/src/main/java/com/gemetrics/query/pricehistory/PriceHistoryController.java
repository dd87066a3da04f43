package com.gemetrics.query.pricehistory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.gemetrics.api.price.GeLimits;
import com.gemetrics.api.price.ListPriceHistoryQuery;
import com.gemetrics.api.price.PriceHistoryPage;
import com.gemetrics.api.price.Timestep;
import com.gemetrics.api.subscription.Entitlements;
import com.gemetrics.platform.subscription.EntitlementLookup;
import com.gemetrics.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.axonframework.queryhandling.QueryGateway;

import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/items/{itemId}/prices}: an item's price history, oldest first, a
 * page at a time. The first read of an item's first page asks the command side to import
 * its history; when that could not be done now, the stored points are still answered,
 * with {@code X-History-Import: pending} (asked for, read again later) or {@code failed}.
 * <p>
 * How far back is the caller's plan's ({@link Entitlements#historyDays()}: 30 days free,
 * anonymous callers included): a {@code from} before the plan's window, or none, is
 * raised to the window's start (the start of the bucket {@code historyDays} before now),
 * and the answer says so with {@value #WINDOW_HEADER}. Never a refusal: the points the
 * plan may see are answered.
 */
@RestController
class PriceHistoryController {

	/** The start of the plan's window, when it raised the request's {@code from}. */
	static final String WINDOW_HEADER = "X-History-Window-Start";

	private final QueryGateway queryGateway;

	private final PriceHistoryBackfill backfill;

	private final EntitlementLookup entitlements;

	private final Clock clock;

	PriceHistoryController(QueryGateway queryGateway, PriceHistoryBackfill backfill, EntitlementLookup entitlements,
			Clock clock) {
		this.queryGateway = queryGateway;
		this.backfill = backfill;
		this.entitlements = entitlements;
		this.clock = clock;
	}

	@Operation(summary = "An item's price history",
			description = "Average high/low prices and volumes per 5m or 1h bucket, oldest first, keyset-paginated: "
					+ "pass nextCursor back as cursor. Price data: OSRS Wiki real-time prices API (CC BY-NC-SA 3.0).")
	@ApiResponse(responseCode = "200", description = "A page of points", headers = {
			@Header(name = PriceHistoryBackfill.HEADER,
					description = "pending: the history import is asked for and not stored yet; failed: the import "
							+ "could not be asked for now. Absent when the stored history is complete."),
			@Header(name = WINDOW_HEADER,
					description = "The earliest bucket start the caller's plan may read (30 days back on the "
							+ "free plan and for anonymous callers), when it raised 'from'") })
	@ApiResponse(responseCode = "400", description = "Bad item id, timestep, range, cursor or limit",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/api/v1/items/{itemId}/prices")
	ResponseEntity<PriceHistoryPage> prices(@PathVariable int itemId,
			@Parameter(description = "5m or 1h") @RequestParam(defaultValue = "5m") String timestep,
			@Parameter(description = "first bucket start included, ISO-8601") @RequestParam(
					required = false) Instant from,
			@Parameter(description = "bucket start excluded, ISO-8601") @RequestParam(required = false) Instant to,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(description = "page size, 1 to 1000") @RequestParam(
					defaultValue = "" + PriceHistoryQueryHandler.DEFAULT_LIMIT) int limit,
			Authentication caller) {
		if (itemId <= 0) {
			throw ApiException.badRequest("INVALID_ITEM_ID", "Item id must be a positive integer.");
		}
		Timestep step = Timestep.fromCode(timestep);
		if (step == null) {
			throw ApiException.badRequest("INVALID_TIMESTEP", "Parameter 'timestep' must be 5m or 1h.");
		}
		for (Instant time : new Instant[] { from, to }) {
			if (time != null && !GeLimits.isValidQueryTime(time)) {
				throw ApiException.badRequest("INVALID_TIME", "Parameters 'from' and 'to' must be ISO-8601 instants "
						+ "between 2013-02-22T00:00:00Z and 9999-12-31T23:59:59Z.");
			}
		}
		if (from != null && to != null && !from.isBefore(to)) {
			throw ApiException.badRequest("INVALID_RANGE", "Parameter 'from' must be before 'to'.");
		}
		if (limit < 1 || limit > PriceHistoryQueryHandler.MAX_LIMIT) {
			throw ApiException.badRequest("INVALID_LIMIT",
					"Parameter 'limit' must be between 1 and " + PriceHistoryQueryHandler.MAX_LIMIT + ".");
		}
		if (cursor != null && PriceHistoryCursor.decode(cursor).isEmpty()) {
			throw ApiException.badRequest("INVALID_CURSOR", "Parameter 'cursor' is not a valid cursor.");
		}
		Instant windowStart = windowStart(entitlements(caller), step);
		boolean raised = windowStart != null && (from == null || from.isBefore(windowStart));
		Instant since = raised ? windowStart : from;
		PriceHistoryBackfill.Outcome outcome = (cursor == null) ? this.backfill.ensureImported(itemId, step)
				: PriceHistoryBackfill.Outcome.NOT_NEEDED;
		PriceHistoryPage page = this.queryGateway
			.query(new ListPriceHistoryQuery(itemId, step, since, to, cursor, limit), PriceHistoryPage.class)
			.join();
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (outcome.header() != null) {
			response.header(PriceHistoryBackfill.HEADER, outcome.header());
		}
		if (raised) {
			response.header(WINDOW_HEADER, windowStart.toString());
		}
		return response.body(page);
	}

	private Entitlements entitlements(Authentication caller) {
		if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
			return Entitlements.FREE;
		}
		return this.entitlements.forUser(caller.getName());
	}

	/**
	 * The start of the bucket {@code historyDays} before now; {@code null} when that is
	 * before the Grand Exchange opened (a window longer than the history is none).
	 */
	private Instant windowStart(Entitlements plan, Timestep step) {
		Instant earliest = this.clock.instant().minus(Duration.ofDays(plan.historyDays()));
		if (earliest.isBefore(GeLimits.GE_OPENED)) {
			return null;
		}
		long length = step.length().toSeconds();
		return Instant.ofEpochSecond(Math.floorDiv(earliest.getEpochSecond(), length) * length);
	}

}
