package com.gemetrics.command.user;

import java.time.Instant;
import java.util.UUID;

import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.AccountErasedEvent;
import com.gemetrics.api.user.EmailVerifiedEvent;
import com.gemetrics.api.user.PasswordResetRequestedEvent;
import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.RoleGrantedEvent;
import com.gemetrics.api.user.UserId;
import com.gemetrics.api.user.UserRegisteredEvent;
import com.gemetrics.api.user.UserRegistrationSupersededEvent;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Shared builders for user tests. */
final class UserFixtures {

	static final UserId USER = new UserId(UUID.fromString("6f1c2a8e-3b7d-4c1e-9a2f-5d8e7b6c4a01"));

	static final UserId ADMIN = new UserId(UUID.fromString("0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b"));

	/** A newer registration of {@link #USER}'s address. */
	static final UserId NEWER = new UserId(UUID.fromString("3c5d7e9f-1a2b-4c3d-8e4f-5a6b7c8d9e0f"));

	static final Instant REGISTERED_AT = Instant.parse("2026-11-25T10:00:00Z");

	static final Instant LATER = Instant.parse("2026-11-25T10:05:00Z");

	private UserFixtures() {
	}

	/** Stand-ins for ciphertext: the aggregate never decrypts, it only passes them on. */
	static final EncryptedValue EMAIL = new EncryptedValue("ZW1haWwgY2lwaGVydGV4dA==");

	static final EncryptedValue DISPLAY_NAME = new EncryptedValue("bmFtZSBjaXBoZXJ0ZXh0");

	static UserRegisteredEvent registered() {
		return new UserRegisteredEvent(USER, EMAIL, DISPLAY_NAME, REGISTERED_AT);
	}

	static AccountErasedEvent erased() {
		return new AccountErasedEvent(USER, REGISTERED_AT.plusSeconds(600));
	}

	static EmailVerifiedEvent verified() {
		return new EmailVerifiedEvent(USER, REGISTERED_AT.plusSeconds(60));
	}

	static UserRegistrationSupersededEvent superseded() {
		return new UserRegistrationSupersededEvent(USER, NEWER, REGISTERED_AT.plusSeconds(90));
	}

	static PasswordResetRequestedEvent resetRequested() {
		return new PasswordResetRequestedEvent(USER, REGISTERED_AT.plusSeconds(120));
	}

	static RoleGrantedEvent granted(Role role) {
		return new RoleGrantedEvent(USER, role, ADMIN, REGISTERED_AT.plusSeconds(180));
	}

	/** Matches a {@link UserRejected} with the given error. */
	static Matcher<UserRejected> rejectedWith(UserError error) {
		return new TypeSafeMatcher<>() {

			@Override
			protected boolean matchesSafely(UserRejected rejected) {
				return rejected.error() == error && rejected.code().equals(error.name());
			}

			@Override
			public void describeTo(Description description) {
				description.appendText("UserRejected(" + error + ")");
			}

		};
	}

}
