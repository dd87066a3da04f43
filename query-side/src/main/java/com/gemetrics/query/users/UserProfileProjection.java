package com.gemetrics.query.users;

import com.gemetrics.api.user.EmailVerifiedEvent;
import com.gemetrics.api.user.RoleGrantedEvent;
import com.gemetrics.api.user.RoleRevokedEvent;
import com.gemetrics.api.user.UserRegisteredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

import org.springframework.stereotype.Component;

/**
 * The users read model: one profile per user (e-mail, display name, roles, verification),
 * for {@code GET /api/v1/me}. Every registered user holds {@code USER}. Tracking
 * processor, events of one user in order (sequenced by aggregate id).
 */
@Component
@ProcessingGroup(UserProfileProjection.GROUP)
class UserProfileProjection {

	static final String GROUP = "users";

	private final UserProfileRepository repository;

	UserProfileProjection(UserProfileRepository repository) {
		this.repository = repository;
	}

	@EventHandler
	void on(UserRegisteredEvent event) {
		this.repository.registered(event.userId().value(), event.email(), event.displayName(), event.registeredAt());
	}

	@EventHandler
	void on(EmailVerifiedEvent event) {
		this.repository.emailVerified(event.userId().value());
	}

	@EventHandler
	void on(RoleGrantedEvent event) {
		this.repository.roleGranted(event.userId().value(), event.role());
	}

	@EventHandler
	void on(RoleRevokedEvent event) {
		this.repository.roleRevoked(event.userId().value(), event.role());
	}

	@ResetHandler
	void reset() {
		this.repository.deleteAll();
	}

}
