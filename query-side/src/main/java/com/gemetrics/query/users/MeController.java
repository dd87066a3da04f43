package com.gemetrics.query.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.gemetrics.api.user.FindUserQuery;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserView;
import com.gemetrics.platform.web.ApiException;
import com.gemetrics.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me}: the caller's own profile. Right after registration the
 * projection may not have caught up yet, so an unknown caller is asked again for up to
 * {@code ge.users.me-wait} (2 s) before the answer is 404.
 */
@RestController
@Tag(name = "users")
class MeController {

	private static final Duration POLL = Duration.ofMillis(100);

	private final QueryGateway queries;

	private final Clock clock;

	private final Duration wait;

	MeController(QueryGateway queries, Clock clock, UsersProperties properties) {
		this.queries = queries;
		this.clock = clock;
		this.wait = properties.meWait();
	}

	@GetMapping("/api/v1/me")
	@Operation(summary = "The caller's id, e-mail, display name and roles (authenticated)")
	ResponseEntity<UserView> me(@Caller UserId caller) throws InterruptedException {
		FindUserQuery query = new FindUserQuery(caller);
		Instant deadline = this.clock.instant().plus(this.wait);
		UserView view = find(query);
		while (view == null && this.clock.instant().isBefore(deadline)) {
			Thread.sleep(POLL.toMillis());
			view = find(query);
		}
		if (view == null) {
			throw ApiException.notFound("USER_NOT_FOUND", "No profile for this user yet.");
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view);
	}

	private UserView find(FindUserQuery query) {
		return this.queries.query(query, ResponseTypes.instanceOf(UserView.class)).join();
	}

}
