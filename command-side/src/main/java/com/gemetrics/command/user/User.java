package com.gemetrics.command.user;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import com.gemetrics.api.user.AccountErasedEvent;
import com.gemetrics.api.user.ChangePasswordCommand;
import com.gemetrics.api.user.CompletePasswordResetCommand;
import com.gemetrics.api.user.EmailVerifiedEvent;
import com.gemetrics.api.user.EraseAccountCommand;
import com.gemetrics.api.user.ExpireRegistrationCommand;
import com.gemetrics.api.user.GrantRoleCommand;
import com.gemetrics.api.user.LoginFailedEvent;
import com.gemetrics.api.user.PasswordChangedEvent;
import com.gemetrics.api.user.PasswordResetCompletedEvent;
import com.gemetrics.api.user.PasswordResetRequestedEvent;
import com.gemetrics.api.user.RecordLoginCommand;
import com.gemetrics.api.user.RecordLoginFailureCommand;
import com.gemetrics.api.user.RegisterUserCommand;
import com.gemetrics.api.user.RequestPasswordResetCommand;
import com.gemetrics.api.user.RevokeRoleCommand;
import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.RoleGrantedEvent;
import com.gemetrics.api.user.RoleRevokedEvent;
import com.gemetrics.api.user.SupersedeRegistrationCommand;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserLoggedInEvent;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.api.user.UserRegistrationExpiredEvent;
import com.gemetrics.api.user.UserRegistrationSupersededEvent;
import com.gemetrics.api.user.VerifyEmailCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user account: whether its address is verified, which roles it holds and whether a
 * password reset is pending. Credentials, tokens and the unique e-mail claim live outside
 * the event store.
 * <p>
 * Roles come with the verified address: the base role when it is verified, any other only
 * after that. An unverified registration gives way to a newer registration of its
 * address, or expires; a registration that gave way (is released) is closed for good. An
 * erased account (the user asked for it, proving the password) takes no command at all.
 */
@Aggregate
class User {

	/** Who grants the bootstrap admin its role: the configuration, not a person. */
	static final UserId SYSTEM = new UserId(new UUID(0L, 0L));

	@AggregateIdentifier
	private UserId userId;

	private boolean emailVerified;

	private boolean passwordResetPending;

	private boolean released;

	private boolean erased;

	private final Set<Role> roles = EnumSet.noneOf(Role.class);

	User() {
		// required by Axon
	}

	@CommandHandler
	User(RegisterUserCommand command) {
		apply(new UserRegisteredEvent(command.userId(), command.email(), command.displayName(),
				command.registeredAt()));
	}

	@CommandHandler
	void handle(VerifyEmailCommand command) {
		requireNotErased();
		requireNotReleased();
		if (this.emailVerified) {
			return;
		}
		apply(new EmailVerifiedEvent(this.userId, command.verifiedAt()));
		if (command.bootstrapAdmin() && !this.roles.contains(Role.ADMIN)) {
			apply(new RoleGrantedEvent(this.userId, Role.ADMIN, SYSTEM, command.verifiedAt()));
		}
	}

	@CommandHandler
	void handle(SupersedeRegistrationCommand command) {
		requireNotErased();
		if (this.emailVerified) {
			throw new UserRejected(UserError.EMAIL_TAKEN);
		}
		requireNotReleased();
		apply(new UserRegistrationSupersededEvent(this.userId, command.supersededBy(), command.supersededAt()));
	}

	@CommandHandler
	void handle(ExpireRegistrationCommand command) {
		requireNotErased();
		if (this.emailVerified) {
			throw new UserRejected(UserError.EMAIL_ALREADY_VERIFIED);
		}
		requireNotReleased();
		apply(new UserRegistrationExpiredEvent(this.userId, command.expiredAt()));
	}

	@CommandHandler
	void handle(ChangePasswordCommand command) {
		requireNotErased();
		requireNotReleased();
		apply(new PasswordChangedEvent(this.userId, command.changedAt()));
	}

	@CommandHandler
	void handle(RequestPasswordResetCommand command) {
		requireNotErased();
		requireVerifiedEmail();
		apply(new PasswordResetRequestedEvent(this.userId, command.requestedAt()));
	}

	@CommandHandler
	void handle(CompletePasswordResetCommand command) {
		requireNotErased();
		requireVerifiedEmail();
		if (!this.passwordResetPending) {
			throw new UserRejected(UserError.NO_PASSWORD_RESET_PENDING);
		}
		apply(new PasswordResetCompletedEvent(this.userId, command.resetAt()));
	}

	@CommandHandler
	void handle(GrantRoleCommand command) {
		requireNotErased();
		requireVerifiedEmail();
		if (this.roles.contains(command.role())) {
			return;
		}
		apply(new RoleGrantedEvent(this.userId, command.role(), command.grantedBy(), command.grantedAt()));
	}

	@CommandHandler
	void handle(RevokeRoleCommand command) {
		requireNotErased();
		if (command.role() == Role.USER) {
			throw new UserRejected(UserError.BASE_ROLE_REQUIRED);
		}
		if (command.role() == Role.ADMIN && this.userId.equals(command.revokedBy())) {
			throw new UserRejected(UserError.CANNOT_REVOKE_OWN_ADMIN);
		}
		if (!this.roles.contains(command.role())) {
			return;
		}
		apply(new RoleRevokedEvent(this.userId, command.role(), command.revokedBy(), command.revokedAt()));
	}

	@CommandHandler
	void handle(RecordLoginCommand command) {
		requireNotErased();
		requireNotReleased();
		apply(new UserLoggedInEvent(this.userId, command.sessionId(), command.loggedInAt()));
	}

	@CommandHandler
	void handle(RecordLoginFailureCommand command) {
		requireNotErased();
		apply(new LoginFailedEvent(this.userId, command.reason(), command.failedAt()));
	}

	@CommandHandler
	void handle(EraseAccountCommand command) {
		requireNotErased();
		apply(new AccountErasedEvent(this.userId, command.erasedAt()));
	}

	@EventSourcingHandler
	void on(UserRegisteredEvent event) {
		this.userId = event.userId();
	}

	@EventSourcingHandler
	void on(EmailVerifiedEvent event) {
		this.emailVerified = true;
		this.roles.add(Role.USER);
	}

	@EventSourcingHandler
	void on(UserRegistrationSupersededEvent event) {
		this.released = true;
	}

	@EventSourcingHandler
	void on(UserRegistrationExpiredEvent event) {
		this.released = true;
	}

	@EventSourcingHandler
	void on(PasswordChangedEvent event) {
		this.passwordResetPending = false;
	}

	@EventSourcingHandler
	void on(PasswordResetRequestedEvent event) {
		this.passwordResetPending = true;
	}

	@EventSourcingHandler
	void on(PasswordResetCompletedEvent event) {
		this.passwordResetPending = false;
	}

	@EventSourcingHandler
	void on(RoleGrantedEvent event) {
		this.roles.add(event.role());
	}

	@EventSourcingHandler
	void on(RoleRevokedEvent event) {
		this.roles.remove(event.role());
	}

	@EventSourcingHandler
	void on(AccountErasedEvent event) {
		this.erased = true;
		this.roles.clear();
	}

	private void requireNotErased() {
		if (this.erased) {
			throw new UserRejected(UserError.ACCOUNT_ERASED);
		}
	}

	private void requireNotReleased() {
		if (this.released) {
			throw new UserRejected(UserError.REGISTRATION_RELEASED);
		}
	}

	private void requireVerifiedEmail() {
		if (!this.emailVerified) {
			throw new UserRejected(UserError.EMAIL_NOT_VERIFIED);
		}
	}

}
