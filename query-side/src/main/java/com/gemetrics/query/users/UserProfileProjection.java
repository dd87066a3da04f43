package com.gemetrics.query.users;

import com.gemetrics.api.user.AccountErasedEvent;
import com.gemetrics.api.user.EmailVerifiedEvent;
import com.gemetrics.api.user.RoleGrantedEvent;
import com.gemetrics.api.user.RoleRevokedEvent;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.platform.privacy.PersonalData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

import org.springframework.stereotype.Component;

/**
 * The users read model: one profile per user (e-mail, display name, roles, verification),
 * for {@code GET /api/v1/me}. Every registered user holds {@code USER}. Tracking
 * processor, events of one user in order (sequenced by aggregate id).
 * <p>
 * The address and display name are decrypted with the user's data key
 * ({@link PersonalData}, ADR 22). An erased user's profile is deleted; replayed later,
 * their registration no longer decrypts (the key is destroyed) and is projected without
 * address or name, and their erasure deletes it again: the data never comes back.
 */
@Component
@ProcessingGroup(UserProfileProjection.GROUP)
class UserProfileProjection {

	static final String GROUP = "users";

	private final UserProfileRepository repository;

	private final PersonalData personalData;

	UserProfileProjection(UserProfileRepository repository, PersonalData personalData) {
		this.repository = repository;
		this.personalData = personalData;
	}

	@EventHandler
	void on(UserRegisteredEvent event) {
		this.repository.registered(event.userId().value(),
				this.personalData.open(event.userId(), event.email()).orElse(null),
				this.personalData.open(event.userId(), event.displayName()).orElse(null), event.registeredAt());
	}

	@EventHandler
	void on(AccountErasedEvent event) {
		this.repository.erased(event.userId().value());
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
