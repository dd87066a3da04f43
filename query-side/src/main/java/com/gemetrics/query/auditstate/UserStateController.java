package com.gemetrics.query.auditstate;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.auditstate.FindUserStateQuery;
import com.gemetrics.api.auditstate.UserStateView;
import com.gemetrics.api.price.GeLimits;
import com.gemetrics.api.user.UserId;
import com.gemetrics.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit/users/{userId}/state?asOf=}: a user's flips, watchlist and
 * subscription as they stood at {@code asOf} (default: now), rebuilt from the event store
 * for auditors (roles {@code AUDITOR} or {@code ADMIN}, by the path in
 * {@code SecurityConfig}). {@code asOf} must lie between the Grand Exchange's opening and
 * now. An id the event store holds no user for answers 404 (a malformed one too). Every
 * call is logged with the caller, the user and the instant; answers are never cached.
 */
@RestController
@Tag(name = "audit")
class UserStateController {

	private static final Logger log = LoggerFactory.getLogger(UserStateController.class);

	private final QueryGateway queries;

	private final Clock clock;

	UserStateController(QueryGateway queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	@Operation(summary = "A user's flips, watchlist and subscription as they stood at an instant (auditor or admin)",
			description = "Rebuilt from the events stored up to asOf (not from the read models), with the figures the "
					+ "user's own endpoints show: flips with sales and profit after tax (newest buy first; deleted ones "
					+ "left out), watched items with their rules and the latest alerts, the subscription with the "
					+ "entitlements in force at asOf. asOf defaults to now.")
	@ApiResponse(responseCode = "200", description = "The state")
	@ApiResponse(responseCode = "400", description = "INVALID_TIME, INVALID_PARAMETER",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404", description = "USER_NOT_FOUND",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/api/v1/audit/users/{userId}/state")
	ResponseEntity<UserStateView> state(Authentication caller, @PathVariable String userId,
			@Parameter(description = "ISO-8601 instant from 2013-02-22T00:00:00Z to now (default now)") @RequestParam(
					required = false) Instant asOf) {
		Instant now = this.clock.instant();
		Instant at = (asOf != null) ? asOf : now;
		if (!GeLimits.isNotBeforeGeOpened(at) || at.isAfter(now)) {
			throw ApiException.badRequest("INVALID_TIME",
					"Parameter 'asOf' must be an ISO-8601 instant between 2013-02-22T00:00:00Z and now.");
		}
		UUID user = user(userId);
		log.info("Audit: {} read the state of user {} as of {}", caller.getName(), user, at);
		UserStateView view = this.queries
			.query(new FindUserStateQuery(new UserId(user), at), ResponseTypes.instanceOf(UserStateView.class))
			.join();
		if (view == null) {
			throw notFound();
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view);
	}

	private static UUID user(String userId) {
		try {
			return UUID.fromString(userId);
		}
		catch (IllegalArgumentException ex) {
			throw notFound();
		}
	}

	private static ApiException notFound() {
		return ApiException.notFound("USER_NOT_FOUND", "The event store holds no such user.");
	}

}
