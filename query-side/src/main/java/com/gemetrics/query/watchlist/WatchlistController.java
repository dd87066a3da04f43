package com.gemetrics.query.watchlist;

import java.util.UUID;

import com.gemetrics.api.consistency.ConsistencyToken;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.watchlist.FindWatchlistQuery;
import com.gemetrics.api.watchlist.FindWatchlistVersionQuery;
import com.gemetrics.api.watchlist.WatchlistId;
import com.gemetrics.api.watchlist.WatchlistView;
import com.gemetrics.platform.web.ApiException;
import com.gemetrics.query.consistency.ReadYourWrites;
import com.gemetrics.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/watchlist}: the caller's own watchlist (nobody else's is reachable:
 * the owner is the token's subject). Given the consistency token of a watchlist command
 * ({@code X-Consistency-Token} header or {@code ?consistency=}), it first waits, bounded,
 * until the projection has applied that command's events; a token of another user's
 * watchlist is refused like a malformed one.
 */
@RestController
@Tag(name = "watchlist")
class WatchlistController {

	private final QueryGateway queries;

	private final ReadYourWrites readYourWrites;

	private final int recentAlerts;

	WatchlistController(QueryGateway queries, ReadYourWrites readYourWrites, WatchlistProperties properties) {
		this.queries = queries;
		this.readYourWrites = readYourWrites;
		this.recentAlerts = properties.recentAlerts();
	}

	@GetMapping("/api/v1/watchlist")
	@Operation(summary = "The caller's watched items with prices and margin, their alert rules, and the latest alerts "
			+ "(authenticated)")
	ResponseEntity<WatchlistView> watchlist(@Caller UserId caller,
			@Parameter(
					description = "consistency token of a watchlist command: wait until it is visible") @RequestHeader(
							name = ConsistencyToken.HEADER, required = false) String tokenHeader,
			@Parameter(description = "the same, as a query parameter") @RequestParam(name = "consistency",
					required = false) String tokenParameter)
			throws InterruptedException {
		UserId owner = caller;
		UUID userId = owner.value();
		ConsistencyToken token = this.readYourWrites.parse((tokenHeader != null) ? tokenHeader : tokenParameter,
				ConsistencyToken.WATCHLIST);
		if (token != null && !token.aggregateId().equals(new WatchlistId(owner).toString())) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "CONSISTENCY_TOKEN_INVALID",
					"The consistency token is not one this endpoint issued.");
		}
		boolean current = this.readYourWrites.await(token, (aggregateId) -> version(userId));
		WatchlistView view = this.queries.query(new FindWatchlistQuery(owner, this.recentAlerts), WatchlistView.class)
			.join();
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok().cacheControl(CacheControl.noStore());
		if (!current) {
			answer.header(ReadYourWrites.STALE_HEADER, "true");
		}
		return answer.body(view);
	}

	private long version(UUID userId) {
		return this.queries.query(new FindWatchlistVersionQuery(new UserId(userId)), Long.class).join();
	}

}
