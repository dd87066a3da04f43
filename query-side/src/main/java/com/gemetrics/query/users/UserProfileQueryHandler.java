package com.gemetrics.query.users;

import com.gemetrics.api.user.FindUserQuery;
import com.gemetrics.api.user.UserView;
import org.axonframework.queryhandling.QueryHandler;

import org.springframework.stereotype.Component;

/**
 * Answers {@link FindUserQuery} from {@code read.user_profile}; {@code null} for an
 * unknown user.
 */
@Component
class UserProfileQueryHandler {

	private final UserProfileRepository repository;

	UserProfileQueryHandler(UserProfileRepository repository) {
		this.repository = repository;
	}

	@QueryHandler
	UserView handle(FindUserQuery query) {
		return this.repository.find(query.userId().value()).orElse(null);
	}

}
