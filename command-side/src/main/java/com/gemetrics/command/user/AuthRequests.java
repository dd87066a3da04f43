package com.gemetrics.command.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The request bodies of the account endpoints: only these fields are read (no mass
 * assignment). Passwords are capped at 4096 UTF-16 units here (the policy's 1024 code
 * points fit), so nothing huge is ever hashed; the password policy itself is checked
 * where passwords are set.
 */
final class AuthRequests {

	private static final int MAX_PASSWORD_CHARS = 4096;

	private static final String TOKEN = "[A-Za-z0-9_-]{16,128}";

	private AuthRequests() {
	}

	record RegisterRequest(@AccountEmail String email, @NotNull @Size(max = MAX_PASSWORD_CHARS) String password,
			@DisplayName String displayName) {
	}

	record LoginRequest(@AccountEmail String email, @NotNull @Size(max = MAX_PASSWORD_CHARS) String password) {
	}

	record VerifyEmailRequest(@NotNull @Pattern(regexp = TOKEN) String token) {
	}

	record PasswordResetRequestRequest(@AccountEmail String email) {
	}

	record PasswordResetRequest(@NotNull @Pattern(regexp = TOKEN) String token,
			@NotNull @Size(max = MAX_PASSWORD_CHARS) String newPassword) {
	}

	record PasswordChangeRequest(@NotBlank @Size(max = MAX_PASSWORD_CHARS) String currentPassword,
			@NotNull @Size(max = MAX_PASSWORD_CHARS) String newPassword) {
	}

	record AccountErasureRequest(@NotBlank @Size(max = MAX_PASSWORD_CHARS) String password) {
	}

	record RegisteredResponse(String userId) {
	}

	record LoginResponse(String accessToken, String refreshToken, long expiresIn) {
	}

}
