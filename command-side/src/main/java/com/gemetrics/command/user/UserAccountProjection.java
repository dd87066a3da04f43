package com.gemetrics.command.user;

import java.time.Instant;

import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.AccountErasedEvent;
import com.gemetrics.api.user.EmailVerifiedEvent;
import com.gemetrics.api.user.RoleGrantedEvent;
import com.gemetrics.api.user.RoleRevokedEvent;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.api.user.UserRegistrationExpiredEvent;
import com.gemetrics.api.user.UserRegistrationSupersededEvent;
import com.gemetrics.platform.privacy.PersonalData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import org.springframework.stereotype.Component;

/**
 * Keeps {@code auth.account} in step with the user events. Its processor is subscribing,
 * with errors propagated (see {@link UserAccountsConfig}): each handler runs in the
 * transaction that appends the event, so a registration whose e-mail key is already taken
 * fails as a whole, and two racing registrations of one address end with exactly one
 * account. A superseded or expired registration releases its address and its outstanding
 * verification and reset links die with it, in that same transaction; so does an erased
 * account's personal data ({@link AccountErasures}).
 */
@Component
@ProcessingGroup(UserAccountProjection.GROUP)
class UserAccountProjection {

	static final String GROUP = "user-accounts";

	private final AccountRepository accounts;

	private final OneTimeTokens tokens;

	private final PersonalData personalData;

	private final AccountErasures erasures;

	UserAccountProjection(AccountRepository accounts, OneTimeTokens tokens, PersonalData personalData,
			AccountErasures erasures) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.personalData = personalData;
		this.erasures = erasures;
	}

	/**
	 * The address and name are decrypted with the data key written earlier in this same
	 * transaction; a registration whose values cannot be read is refused as a whole.
	 */
	@EventHandler
	void on(UserRegisteredEvent event) {
		this.accounts.insert(event.userId(), clear(event, event.email()), clear(event, event.displayName()),
				event.registeredAt());
	}

	@EventHandler
	void on(AccountErasedEvent event) {
		this.erasures.scrub(event.userId(), event.erasedAt());
	}

	@EventHandler
	void on(EmailVerifiedEvent event) {
		this.accounts.markVerified(event.userId(), event.verifiedAt());
	}

	@EventHandler
	void on(UserRegistrationSupersededEvent event) {
		release(event.userId(), event.supersededAt());
	}

	@EventHandler
	void on(UserRegistrationExpiredEvent event) {
		release(event.userId(), event.expiredAt());
	}

	@EventHandler
	void on(RoleGrantedEvent event) {
		this.accounts.addRole(event.userId(), event.role());
	}

	@EventHandler
	void on(RoleRevokedEvent event) {
		this.accounts.removeRole(event.userId(), event.role());
	}

	private String clear(UserRegisteredEvent event, EncryptedValue value) {
		return this.personalData.open(event.userId(), value)
			.orElseThrow(() -> new IllegalStateException("User " + event.userId() + " registered without a data key"));
	}

	private void release(UserId userId, Instant at) {
		this.accounts.release(userId, at);
		this.tokens.consumeAll(OneTimeTokens.Kind.EMAIL_VERIFICATION, userId, at);
		this.tokens.consumeAll(OneTimeTokens.Kind.PASSWORD_RESET, userId, at);
	}

}
