package com.gemetrics.command.user;

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
import com.gemetrics.api.user.UserLoggedInEvent;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.api.user.UserRegistrationExpiredEvent;
import com.gemetrics.api.user.UserRegistrationSupersededEvent;
import com.gemetrics.api.user.VerifyEmailCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.gemetrics.command.user.UserFixtures.ADMIN;
import static com.gemetrics.command.user.UserFixtures.LATER;
import static com.gemetrics.command.user.UserFixtures.NEWER;
import static com.gemetrics.command.user.UserFixtures.REGISTERED_AT;
import static com.gemetrics.command.user.UserFixtures.USER;
import static com.gemetrics.command.user.UserFixtures.erased;
import static com.gemetrics.command.user.UserFixtures.granted;
import static com.gemetrics.command.user.UserFixtures.registered;
import static com.gemetrics.command.user.UserFixtures.rejectedWith;
import static com.gemetrics.command.user.UserFixtures.resetRequested;
import static com.gemetrics.command.user.UserFixtures.superseded;
import static com.gemetrics.command.user.UserFixtures.verified;

class UserTest {

	private AggregateTestFixture<User> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(User.class);
	}

	@Test
	void canRegister() {
		this.fixture.givenNoPriorActivity()
			.when(new RegisterUserCommand(USER, UserFixtures.EMAIL, UserFixtures.DISPLAY_NAME, REGISTERED_AT))
			.expectSuccessfulHandlerExecution()
			.expectEvents(new UserRegisteredEvent(USER, UserFixtures.EMAIL, UserFixtures.DISPLAY_NAME, REGISTERED_AT));
	}

	@Test
	void canVerifyEmail() {
		this.fixture.given(registered())
			.when(new VerifyEmailCommand(USER, LATER, false))
			.expectEvents(new EmailVerifiedEvent(USER, LATER));
	}

	@Test
	void bootstrapAdminGetsAdminWhenVerifying() {
		this.fixture.given(registered())
			.when(new VerifyEmailCommand(USER, LATER, true))
			.expectEvents(new EmailVerifiedEvent(USER, LATER),
					new RoleGrantedEvent(USER, Role.ADMIN, User.SYSTEM, LATER));
	}

	@Test
	void verifyingAVerifiedEmailAgainChangesNothing() {
		this.fixture.given(registered(), verified())
			.when(new VerifyEmailCommand(USER, LATER, true))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void canChangePassword() {
		this.fixture.given(registered())
			.when(new ChangePasswordCommand(USER, LATER))
			.expectEvents(new PasswordChangedEvent(USER, LATER));
	}

	@Test
	void canRequestPasswordResetWithVerifiedEmail() {
		this.fixture.given(registered(), verified())
			.when(new RequestPasswordResetCommand(USER, LATER))
			.expectEvents(new PasswordResetRequestedEvent(USER, LATER));
	}

	@Test
	void cannotRequestPasswordResetWithUnverifiedEmail() {
		this.fixture.given(registered())
			.when(new RequestPasswordResetCommand(USER, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.EMAIL_NOT_VERIFIED));
	}

	@Test
	void canCompleteRequestedPasswordReset() {
		this.fixture.given(registered(), verified(), resetRequested())
			.when(new CompletePasswordResetCommand(USER, LATER))
			.expectEvents(new PasswordResetCompletedEvent(USER, LATER));
	}

	@Test
	void cannotCompletePasswordResetThatWasNotRequested() {
		this.fixture.given(registered(), verified())
			.when(new CompletePasswordResetCommand(USER, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.NO_PASSWORD_RESET_PENDING));
	}

	@Test
	void cannotCompletePasswordResetTwice() {
		this.fixture.given(registered(), verified(), resetRequested(), new PasswordResetCompletedEvent(USER, LATER))
			.when(new CompletePasswordResetCommand(USER, LATER.plusSeconds(1)))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.NO_PASSWORD_RESET_PENDING));
	}

	@Test
	void cannotCompletePasswordResetAfterPasswordChanged() {
		this.fixture.given(registered(), verified(), resetRequested(), new PasswordChangedEvent(USER, LATER))
			.when(new CompletePasswordResetCommand(USER, LATER.plusSeconds(1)))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.NO_PASSWORD_RESET_PENDING));
	}

	@Test
	void cannotCompletePasswordResetWithUnverifiedEmail() {
		this.fixture.given(registered())
			.when(new CompletePasswordResetCommand(USER, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.EMAIL_NOT_VERIFIED));
	}

	@Test
	void canGrantRole() {
		this.fixture.given(registered(), verified())
			.when(new GrantRoleCommand(USER, Role.AUDITOR, ADMIN, LATER))
			.expectEvents(new RoleGrantedEvent(USER, Role.AUDITOR, ADMIN, LATER));
	}

	@Test
	void grantingAHeldRoleChangesNothing() {
		this.fixture.given(registered(), verified(), granted(Role.AUDITOR))
			.when(new GrantRoleCommand(USER, Role.AUDITOR, ADMIN, LATER))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void grantingTheBaseRoleChangesNothing() {
		this.fixture.given(registered(), verified())
			.when(new GrantRoleCommand(USER, Role.USER, ADMIN, LATER))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void cannotGrantAnyRoleBeforeTheEmailIsVerified() {
		this.fixture.given(registered())
			.when(new GrantRoleCommand(USER, Role.ADMIN, ADMIN, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.EMAIL_NOT_VERIFIED));
	}

	@Test
	void holdsNotEvenTheBaseRoleBeforeTheEmailIsVerified() {
		this.fixture.given(registered())
			.when(new GrantRoleCommand(USER, Role.USER, ADMIN, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.EMAIL_NOT_VERIFIED));
	}

	@Test
	void canSupersedeAnUnverifiedRegistration() {
		this.fixture.given(registered())
			.when(new SupersedeRegistrationCommand(USER, NEWER, LATER))
			.expectEvents(new UserRegistrationSupersededEvent(USER, NEWER, LATER));
	}

	@Test
	void cannotSupersedeAVerifiedRegistration() {
		this.fixture.given(registered(), verified())
			.when(new SupersedeRegistrationCommand(USER, NEWER, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.EMAIL_TAKEN));
	}

	@Test
	void cannotSupersedeAReleasedRegistration() {
		this.fixture.given(registered(), superseded())
			.when(new SupersedeRegistrationCommand(USER, NEWER, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.REGISTRATION_RELEASED));
	}

	@Test
	void canExpireAnUnverifiedRegistration() {
		this.fixture.given(registered())
			.when(new ExpireRegistrationCommand(USER, LATER))
			.expectEvents(new UserRegistrationExpiredEvent(USER, LATER));
	}

	@Test
	void cannotExpireAVerifiedRegistration() {
		this.fixture.given(registered(), verified())
			.when(new ExpireRegistrationCommand(USER, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.EMAIL_ALREADY_VERIFIED));
	}

	@Test
	void cannotExpireAReleasedRegistration() {
		this.fixture.given(registered(), new UserRegistrationExpiredEvent(USER, LATER))
			.when(new ExpireRegistrationCommand(USER, LATER.plusSeconds(1)))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.REGISTRATION_RELEASED));
	}

	@Test
	void cannotVerifyASupersededRegistrationEvenAsBootstrapAdmin() {
		this.fixture.given(registered(), superseded())
			.when(new VerifyEmailCommand(USER, LATER, true))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.REGISTRATION_RELEASED));
	}

	@Test
	void cannotVerifyAnExpiredRegistration() {
		this.fixture.given(registered(), new UserRegistrationExpiredEvent(USER, LATER))
			.when(new VerifyEmailCommand(USER, LATER.plusSeconds(1), false))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.REGISTRATION_RELEASED));
	}

	@Test
	void cannotLogInToAReleasedRegistration() {
		this.fixture.given(registered(), superseded())
			.when(new RecordLoginCommand(USER, "session-1", LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.REGISTRATION_RELEASED));
	}

	@Test
	void cannotChangeThePasswordOfAReleasedRegistration() {
		this.fixture.given(registered(), superseded())
			.when(new ChangePasswordCommand(USER, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.REGISTRATION_RELEASED));
	}

	@Test
	void canRevokeRole() {
		this.fixture.given(registered(), granted(Role.ADMIN))
			.when(new RevokeRoleCommand(USER, Role.ADMIN, ADMIN, LATER))
			.expectEvents(new RoleRevokedEvent(USER, Role.ADMIN, ADMIN, LATER));
	}

	@Test
	void revokingARoleNotHeldChangesNothing() {
		this.fixture.given(registered())
			.when(new RevokeRoleCommand(USER, Role.AUDITOR, ADMIN, LATER))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void cannotRevokeTheBaseRole() {
		this.fixture.given(registered())
			.when(new RevokeRoleCommand(USER, Role.USER, ADMIN, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.BASE_ROLE_REQUIRED));
	}

	@Test
	void adminCannotRevokeOwnAdminRole() {
		this.fixture.given(registered(), granted(Role.ADMIN))
			.when(new RevokeRoleCommand(USER, Role.ADMIN, USER, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.CANNOT_REVOKE_OWN_ADMIN));
	}

	@Test
	void canRecordLogin() {
		this.fixture.given(registered())
			.when(new RecordLoginCommand(USER, "session-1", LATER))
			.expectEvents(new UserLoggedInEvent(USER, "session-1", LATER));
	}

	@Test
	void canRecordLoginFailure() {
		this.fixture.given(registered())
			.when(new RecordLoginFailureCommand(USER, Logins.BAD_CREDENTIALS, LATER))
			.expectEvents(new LoginFailedEvent(USER, Logins.BAD_CREDENTIALS, LATER));
	}

	@Test
	void canEraseAccount() {
		this.fixture.given(registered(), verified(), granted(Role.AUDITOR))
			.when(new EraseAccountCommand(USER, LATER))
			.expectSuccessfulHandlerExecution()
			.expectEvents(new AccountErasedEvent(USER, LATER));
	}

	@Test
	void canEraseAnUnverifiedOrReleasedRegistration() {
		this.fixture.given(registered(), superseded())
			.when(new EraseAccountCommand(USER, LATER))
			.expectEvents(new AccountErasedEvent(USER, LATER));
	}

	@Test
	void cannotEraseTwice() {
		this.fixture.given(registered(), erased())
			.when(new EraseAccountCommand(USER, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.ACCOUNT_ERASED));
	}

	@Test
	void anErasedAccountCannotLogIn() {
		this.fixture.given(registered(), verified(), erased())
			.when(new RecordLoginCommand(USER, "session-1", LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.ACCOUNT_ERASED));
	}

	@Test
	void anErasedAccountGetsNoRole() {
		this.fixture.given(registered(), verified(), erased())
			.when(new GrantRoleCommand(USER, Role.AUDITOR, ADMIN, LATER))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.ACCOUNT_ERASED));
	}

	@Test
	void anErasedAccountCannotBeVerified() {
		this.fixture.given(registered(), erased())
			.when(new VerifyEmailCommand(USER, LATER, false))
			.expectNoEvents()
			.expectException(rejectedWith(UserError.ACCOUNT_ERASED));
	}

}
