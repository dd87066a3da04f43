package com.gemetrics.query.subscriptions;

import java.util.Locale;

import com.gemetrics.api.subscription.FindSubscriptionQuery;
import com.gemetrics.api.subscription.ListSubscriptionsQuery;
import com.gemetrics.api.subscription.SubscriptionPage;
import com.gemetrics.api.subscription.SubscriptionStatus;
import com.gemetrics.api.subscription.SubscriptionView;
import com.gemetrics.platform.web.ApiException;
import com.gemetrics.platform.security.Caller;
import com.gemetrics.api.user.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me/subscription}: the caller's plan, status and entitlements (the
 * free plan, status {@code none}, for a user who never subscribed).
 * {@code GET /api/v1/admin/subscriptions}: every user's subscription, a page at a time by
 * user id, for admins and auditors (by the path, {@code SecurityConfig}). Never cached.
 */
@RestController
@Tag(name = "subscriptions")
class SubscriptionController {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 500;

	private final QueryGateway queries;

	SubscriptionController(QueryGateway queries) {
		this.queries = queries;
	}

	@Operation(summary = "The caller's plan, subscription status and entitlements (authenticated)",
			description = "plan FREE, PREMIUM_MONTHLY or PREMIUM_YEARLY; status as Stripe names it (active, trialing, "
					+ "past_due, canceled, ...; none without a subscription); entitlements: the limits in force now. "
					+ "A change Stripe reports is in force on both apps within about a second of its event.")
	@ApiResponse(responseCode = "200", description = "The subscription")
	@GetMapping("/api/v1/me/subscription")
	ResponseEntity<SubscriptionView> mine(@Caller UserId caller) {
		SubscriptionView view = this.queries.query(new FindSubscriptionQuery(caller), SubscriptionView.class).join();
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view);
	}

	@Operation(summary = "Every user's subscription, by user id (admin or auditor)",
			description = "Keyset-paginated: pass nextCursor back as cursor. Optionally only one status.")
	@ApiResponse(responseCode = "200", description = "A page of subscriptions")
	@ApiResponse(responseCode = "400", description = "INVALID_STATUS, INVALID_LIMIT, INVALID_CURSOR",
			content = @Content(mediaType = "application/problem+json"))
	@GetMapping("/api/v1/admin/subscriptions")
	ResponseEntity<SubscriptionPage> all(
			@Parameter(description = "only this status: none, incomplete, incomplete_expired, trialing, active, "
					+ "past_due, canceled, unpaid or paused") @RequestParam(required = false) String status,
			@Parameter(description = "page size, 1 to 500 (default 100)") @RequestParam(required = false) Integer limit,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
		ListSubscriptionsQuery query = new ListSubscriptionsQuery(status(status), limit(limit), cursor(cursor));
		SubscriptionPage page = this.queries.query(query, SubscriptionPage.class).join();
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page);
	}

	private static SubscriptionStatus status(String status) {
		if (status == null) {
			return null;
		}
		for (SubscriptionStatus known : SubscriptionStatus.values()) {
			if (known.wire().equals(status.toLowerCase(Locale.ROOT))) {
				return known;
			}
		}
		throw ApiException.badRequest("INVALID_STATUS", "Parameter 'status' must be one of none, incomplete, "
				+ "incomplete_expired, trialing, active, past_due, canceled, unpaid, paused.");
	}

	private static int limit(Integer limit) {
		if (limit == null) {
			return DEFAULT_LIMIT;
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ApiException.badRequest("INVALID_LIMIT",
					"Parameter 'limit' must be between 1 and " + MAX_LIMIT + ".");
		}
		return limit;
	}

	private static String cursor(String cursor) {
		if (cursor != null && SubscriptionCursor.decode(cursor).isEmpty()) {
			throw ApiException.badRequest("INVALID_CURSOR", "Parameter 'cursor' is not a valid cursor.");
		}
		return cursor;
	}

}
