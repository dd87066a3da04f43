package com.gemetrics.query.journal;

import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.flip.FindFlipQuery;
import com.gemetrics.api.flip.FlipId;
import com.gemetrics.api.flip.FindFlipStatsQuery;
import com.gemetrics.api.flip.FlipDetailView;
import com.gemetrics.api.flip.FlipPage;
import com.gemetrics.api.flip.FlipStatsView;
import com.gemetrics.api.flip.ListFlipsQuery;
import com.gemetrics.api.flip.ListPositionsQuery;
import com.gemetrics.api.flip.PositionsView;
import com.gemetrics.platform.subscription.EntitlementLookup;
import com.gemetrics.platform.web.ApiException;
import com.gemetrics.platform.security.Caller;
import com.gemetrics.api.user.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import static com.gemetrics.query.journal.JournalParameters.answer;

/**
 * The caller's trading journal: {@code GET /api/v1/flips} (a filtered page),
 * {@code /api/v1/flips/{id}} (one flip with its sales), {@code /api/v1/flips/stats},
 * {@code /api/v1/flips/positions} and {@code /api/v1/flips/export}. A user sees only
 * their own flips; another user's flip answers 404 like an unknown one. Every endpoint
 * takes the consistency token a flip command answered with and waits (bounded) until the
 * journal has applied it; answers are never cached.
 */
@RestController
@Tag(name = "journal")
class FlipsController {

	private static final String TOKEN_HEADER_DOC = "Consistency token from a flip command: wait until it is applied";

	private final QueryGateway queries;

	private final JournalConsistency consistency;

	private final JournalProperties properties;

	private final FlipExporter exporter;

	private final EntitlementLookup entitlements;

	FlipsController(QueryGateway queries, JournalConsistency consistency, JournalProperties properties,
			FlipExporter exporter, EntitlementLookup entitlements) {
		this.queries = queries;
		this.consistency = consistency;
		this.properties = properties;
		this.exporter = exporter;
		this.entitlements = entitlements;
	}

	@Operation(summary = "The caller's flips (authenticated)",
			description = "Newest buy first, keyset-paginated: pass nextCursor back as cursor. Filters: item, account, "
					+ "buy time range [from, to), status open|closed.")
	@ApiResponse(responseCode = "200", description = "A page of flips",
			headers = @Header(name = "X-Consistency-Stale",
					description = "true when the consistency token was not reached in time"))
	@ApiResponse(responseCode = "400",
			description = "INVALID_ITEM_ID, INVALID_ACCOUNT, INVALID_TIME, INVALID_RANGE, INVALID_STATUS, INVALID_LIMIT, "
					+ "INVALID_CURSOR, INVALID_PARAMETER, CONSISTENCY_TOKEN_INVALID",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/api/v1/flips")
	ResponseEntity<FlipPage> list(@Caller UserId caller,
			@Parameter(description = "only this item id") @RequestParam(required = false) Integer item,
			@Parameter(description = "only this OSRS account") @RequestParam(required = false) String account,
			@Parameter(description = "bought at or after, ISO-8601") @RequestParam(required = false) Instant from,
			@Parameter(description = "bought before, ISO-8601") @RequestParam(required = false) Instant to,
			@Parameter(description = "open or closed") @RequestParam(required = false) String status,
			@Parameter(description = "page size, 1 to 100 (default 50)") @RequestParam(required = false) Integer limit,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(description = TOKEN_HEADER_DOC) @RequestHeader(name = ConsistencyToken.HEADER,
					required = false) String tokenHeader,
			@Parameter(description = TOKEN_HEADER_DOC) @RequestParam(name = JournalConsistency.PARAMETER,
					required = false) String tokenParameter) {
		UUID userId = caller.value();
		ListFlipsQuery query = new ListFlipsQuery(caller, JournalParameters.item(item),
				JournalParameters.account(account), from, to, JournalParameters.status(status),
				JournalParameters.limit(limit, this.properties), JournalParameters.cursor(cursor));
		JournalParameters.range(from, to);
		boolean stale = this.consistency.awaitToken(userId, tokenHeader, tokenParameter);
		return answer(this.queries.query(query, ResponseTypes.instanceOf(FlipPage.class)).join(), stale);
	}

	@Operation(summary = "One of the caller's flips with its sales (authenticated)",
			description = "Totals: profit after tax, open quantity, status; each sale with its tax and profit.")
	@ApiResponse(responseCode = "200", description = "The flip")
	@ApiResponse(responseCode = "404", description = "FLIP_NOT_FOUND: unknown, deleted or another user's",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/api/v1/flips/{flipId}")
	ResponseEntity<FlipDetailView> flip(@Caller UserId caller, @PathVariable String flipId,
			@Parameter(description = TOKEN_HEADER_DOC) @RequestHeader(name = ConsistencyToken.HEADER,
					required = false) String tokenHeader,
			@Parameter(description = TOKEN_HEADER_DOC) @RequestParam(name = JournalConsistency.PARAMETER,
					required = false) String tokenParameter) {
		UUID userId = caller.value();
		boolean stale = this.consistency.awaitToken(userId, tokenHeader, tokenParameter);
		FlipDetailView flip = this.queries
			.query(new FindFlipQuery(caller, new FlipId(parseFlipId(flipId))),
					ResponseTypes.instanceOf(FlipDetailView.class))
			.join();
		if (flip == null) {
			throw notFound();
		}
		return answer(flip, stale);
	}

	@Operation(summary = "The caller's trading stats (authenticated)",
			description = "Total profit after tax, ROI (profit / cost of sold items), losses, best and worst items and "
					+ "profit per UTC day over the sales and write-offs in [from, to); flips closed in the range, "
					+ "average profit and time per flip, profit per hour held; the same per account.")
	@ApiResponse(responseCode = "400", description = "INVALID_ACCOUNT, INVALID_TIME, INVALID_RANGE, INVALID_PARAMETER",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/api/v1/flips/stats")
	ResponseEntity<FlipStatsView> stats(@Caller UserId caller,
			@Parameter(description = "only this OSRS account") @RequestParam(required = false) String account,
			@Parameter(description = "from, ISO-8601 (included)") @RequestParam(required = false) Instant from,
			@Parameter(description = "to, ISO-8601 (excluded)") @RequestParam(required = false) Instant to,
			@Parameter(description = TOKEN_HEADER_DOC) @RequestHeader(name = ConsistencyToken.HEADER,
					required = false) String tokenHeader,
			@Parameter(description = TOKEN_HEADER_DOC) @RequestParam(name = JournalConsistency.PARAMETER,
					required = false) String tokenParameter) {
		UUID userId = caller.value();
		FindFlipStatsQuery query = new FindFlipStatsQuery(caller, JournalParameters.account(account), from, to);
		JournalParameters.range(from, to);
		boolean stale = this.consistency.awaitToken(userId, tokenHeader, tokenParameter);
		return answer(this.queries.query(query, ResponseTypes.instanceOf(FlipStatsView.class)).join(), stale);
	}

	@Operation(summary = "The caller's open positions (authenticated)",
			description = "Per account and item: open quantity, average buy price, cost, and at the item's latest high "
					+ "its value and unrealized profit after tax (null without a price).")
	@GetMapping("/api/v1/flips/positions")
	ResponseEntity<PositionsView> positions(@Caller UserId caller,
			@Parameter(description = "only this OSRS account") @RequestParam(required = false) String account,
			@Parameter(description = TOKEN_HEADER_DOC) @RequestHeader(name = ConsistencyToken.HEADER,
					required = false) String tokenHeader,
			@Parameter(description = TOKEN_HEADER_DOC) @RequestParam(name = JournalConsistency.PARAMETER,
					required = false) String tokenParameter) {
		UUID userId = caller.value();
		ListPositionsQuery query = new ListPositionsQuery(caller, JournalParameters.account(account));
		boolean stale = this.consistency.awaitToken(userId, tokenHeader, tokenParameter);
		return answer(this.queries.query(query, ResponseTypes.instanceOf(PositionsView.class)).join(), stale);
	}

	@Operation(summary = "Export the caller's flips as CSV or JSON (authenticated)",
			description = "One row per flip with a summary of its sales, newest buy first, streamed as an attachment. "
					+ "At most the plan's rows (1,000 free, 1,000,000 premium): a user with more gets the newest that "
					+ "many, marked with the headers X-Export-Truncated: true and X-Export-Limit. CSV columns: "
					+ FlipExporter.CSV_HEADER)
	@ApiResponse(responseCode = "200", description = "The export",
			headers = {
					@Header(name = FlipExporter.TRUNCATED_HEADER,
							description = "true when the caller has more flips than the plan exports"),
					@Header(name = FlipExporter.LIMIT_HEADER, description = "the plan's row cap, when truncated") })
	@ApiResponse(responseCode = "400", description = "INVALID_FORMAT, CONSISTENCY_TOKEN_INVALID",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/api/v1/flips/export")
	ResponseEntity<StreamingResponseBody> export(@Caller UserId caller,
			@Parameter(description = "csv (default) or json") @RequestParam(defaultValue = "csv") String format,
			@Parameter(description = TOKEN_HEADER_DOC) @RequestHeader(name = ConsistencyToken.HEADER,
					required = false) String tokenHeader,
			@Parameter(description = TOKEN_HEADER_DOC) @RequestParam(name = JournalConsistency.PARAMETER,
					required = false) String tokenParameter) {
		UUID userId = caller.value();
		FlipExporter.Format chosen = FlipExporter.Format.of(format)
			.orElseThrow(() -> ApiException.badRequest("INVALID_FORMAT", "Parameter 'format' must be csv or json."));
		boolean stale = this.consistency.awaitToken(userId, tokenHeader, tokenParameter);
		return this.exporter.export(userId, chosen, stale, this.entitlements.forUser(userId).csvExportRows());
	}

	private static UUID parseFlipId(String flipId) {
		try {
			UUID id = UUID.fromString(flipId);
			if (id.toString().equalsIgnoreCase(flipId)) {
				return id;
			}
		}
		catch (IllegalArgumentException ex) {
			// not an id: no such flip
		}
		throw notFound();
	}

	private static ApiException notFound() {
		return ApiException.notFound("FLIP_NOT_FOUND", "No such flip.");
	}

}
