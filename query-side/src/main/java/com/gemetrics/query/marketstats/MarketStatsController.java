package com.gemetrics.query.marketstats;

import java.util.concurrent.CompletionException;

import com.gemetrics.api.item.FindMarketStatsQuery;
import com.gemetrics.api.item.MarketStatsView;
import com.gemetrics.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The market overview API. */
@RestController
@Tag(name = "Market",
		description = "Market-wide rankings. Price data: OSRS Wiki real-time prices API " + "(CC BY-NC-SA 3.0).")
class MarketStatsController {

	private final QueryGateway queryGateway;

	private final MarketStatsProperties properties;

	private final CacheControl cacheControl;

	MarketStatsController(QueryGateway queryGateway, MarketStatsProperties properties) {
		this.queryGateway = queryGateway;
		this.properties = properties;
		this.cacheControl = CacheControl.maxAge(properties.maxAge()).cachePublic();
	}

	@GetMapping(path = "/api/v1/market/stats", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Market overview",
			description = "Top margins after tax (items traded in the last hour), top 1-hour volume, and the biggest "
					+ "price rises and falls over 1 hour and 24 hours (hourly average mid prices).")
	@ApiResponse(responseCode = "200", description = "The overview",
			content = @Content(schema = @Schema(implementation = MarketStatsView.class)))
	@ApiResponse(responseCode = "400", description = "limit is out of range",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	ResponseEntity<MarketStatsView> stats(@Parameter(
			description = "Items per ranking, 1 to 100; default 10") @RequestParam(required = false) Integer limit) {
		int size = (limit != null) ? limit : this.properties.defaultLimit();
		if (size < 1 || size > this.properties.maxLimit()) {
			throw ApiException.badRequest("INVALID_LIMIT",
					"limit must be between 1 and " + this.properties.maxLimit() + ".");
		}
		MarketStatsView view;
		try {
			view = this.queryGateway
				.query(new FindMarketStatsQuery(size), ResponseTypes.instanceOf(MarketStatsView.class))
				.join();
		}
		catch (CompletionException ex) {
			for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof ApiException api) {
					throw api;
				}
			}
			throw ex;
		}
		return ResponseEntity.ok().cacheControl(this.cacheControl).body(view);
	}

}
