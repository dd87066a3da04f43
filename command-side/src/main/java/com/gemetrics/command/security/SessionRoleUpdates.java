package com.gemetrics.command.security;

import com.gemetrics.api.user.EmailVerifiedEvent;
import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.RoleGrantedEvent;
import com.gemetrics.api.user.RoleRevokedEvent;
import com.gemetrics.api.user.UserRegistrationExpiredEvent;
import com.gemetrics.api.user.UserRegistrationSupersededEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import org.springframework.stereotype.Component;

/**
 * Keeps live sessions' roles in step with the User aggregate (a subscribing processor, so
 * in the same transaction as the role change). A granted role appears in the session's
 * next access token (at the latest after one refresh); a revoked role ends the user's
 * sessions at once, because their access tokens still carry it.
 */
@Component
@ProcessingGroup(SessionRoleUpdates.GROUP)
class SessionRoleUpdates {

	static final String GROUP = "session-roles";

	static final String REASON_ROLE_REVOKED = "role-revoked";

	static final String REASON_REGISTRATION_SUPERSEDED = "registration-superseded";

	static final String REASON_REGISTRATION_EXPIRED = "registration-expired";

	private final SessionRepository repository;

	private final Sessions sessions;

	SessionRoleUpdates(SessionRepository repository, Sessions sessions) {
		this.repository = repository;
		this.sessions = sessions;
	}

	@EventHandler
	void on(EmailVerifiedEvent event) {
		this.repository.addRole(event.userId().value(), Role.USER);
	}

	@EventHandler
	void on(UserRegistrationSupersededEvent event) {
		this.sessions.revokeAllSessions(event.userId(), REASON_REGISTRATION_SUPERSEDED);
	}

	@EventHandler
	void on(UserRegistrationExpiredEvent event) {
		this.sessions.revokeAllSessions(event.userId(), REASON_REGISTRATION_EXPIRED);
	}

	@EventHandler
	void on(RoleGrantedEvent event) {
		this.repository.addRole(event.userId().value(), event.role());
	}

	@EventHandler
	void on(RoleRevokedEvent event) {
		this.repository.removeRole(event.userId().value(), event.role());
		this.sessions.revokeAllSessions(event.userId(), REASON_ROLE_REVOKED);
	}

}
