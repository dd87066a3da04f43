package com.gemetrics.query.auditstate;

import com.gemetrics.api.auditstate.FindUserStateQuery;
import com.gemetrics.api.auditstate.UserStateView;
import org.axonframework.queryhandling.QueryHandler;

import org.springframework.stereotype.Component;

/**
 * Rebuilds a user's state at an instant from the event store ({@link UserEventStore}),
 * folding the events with the read models' own rules ({@link UserStateFold}); nothing is
 * read from the read models but the catalogue's item names. A user the event store does
 * not know is {@code null}; a user who registered after the instant has an empty state.
 */
@Component
class UserStateQueryHandler {

	private final UserEventStore events;

	private final AuditStateProperties properties;

	UserStateQueryHandler(UserEventStore events, AuditStateProperties properties) {
		this.events = events;
		this.properties = properties;
	}

	@QueryHandler
	UserStateView handle(FindUserStateQuery query) {
		return this.events.registeredAt(query.userId().value()).map((registeredAt) -> {
			UserStateFold fold = new UserStateFold(query.userId().value());
			this.events.forEach(query.userId().value(), query.asOf(), fold::apply);
			return fold.view(query.asOf(), registeredAt, this.events.itemNames(fold.itemIds()),
					this.properties.recentAlerts());
		}).orElse(null);
	}

}
