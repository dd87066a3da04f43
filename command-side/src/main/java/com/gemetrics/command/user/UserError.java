package com.gemetrics.command.user;

import org.springframework.http.HttpStatus;

/** The account rules a request can break, each with its HTTP status and stable code. */
enum UserError {

	/** Another account already holds the e-mail address (case-insensitively). */
	EMAIL_TAKEN(HttpStatus.CONFLICT, "An account with this e-mail address already exists."),

	/** The address is already verified; there is nothing to resend. */
	EMAIL_ALREADY_VERIFIED(HttpStatus.CONFLICT, "The e-mail address is already verified."),

	/** Only a verified address may receive anything but the verification e-mail. */
	EMAIL_NOT_VERIFIED(HttpStatus.UNPROCESSABLE_ENTITY, "The e-mail address is not verified."),

	/**
	 * The registration was replaced by a newer one of its address, or expired unverified:
	 * register again.
	 */
	REGISTRATION_RELEASED(HttpStatus.UNPROCESSABLE_ENTITY,
			"This registration was replaced by a newer one or expired unverified; register again."),

	/**
	 * A verification link was used by a caller logged in as another account than the one
	 * it was mailed for.
	 */
	VERIFICATION_ACCOUNT_MISMATCH(HttpStatus.UNPROCESSABLE_ENTITY,
			"This link was mailed for another registration of the address; log in as that account or register again."),

	/** A reset can only complete after one was requested. */
	NO_PASSWORD_RESET_PENDING(HttpStatus.UNPROCESSABLE_ENTITY, "No password reset was requested."),

	/** The link's token is unknown, used up or expired. */
	TOKEN_INVALID(HttpStatus.UNPROCESSABLE_ENTITY, "The link is invalid or has expired; ask for a new one."),

	/** The current password given to change it was wrong. */
	CURRENT_PASSWORD_INCORRECT(HttpStatus.UNPROCESSABLE_ENTITY, "The current password is not correct."),

	/** Every user keeps the base role. */
	BASE_ROLE_REQUIRED(HttpStatus.UNPROCESSABLE_ENTITY, "The user role cannot be revoked."),

	/**
	 * An admin cannot take admin from themself (so the last admin cannot lock everyone
	 * out).
	 */
	CANNOT_REVOKE_OWN_ADMIN(HttpStatus.UNPROCESSABLE_ENTITY, "Admins cannot revoke their own admin role."),

	/** The password given to erase the account was wrong: nothing was erased. */
	PASSWORD_INCORRECT(HttpStatus.FORBIDDEN, "The password is not correct."),

	/** The account was erased at its owner's request: it takes no command any more. */
	ACCOUNT_ERASED(HttpStatus.GONE, "This account was erased."),

	/** The account named in the path does not exist. */
	USER_NOT_FOUND(HttpStatus.NOT_FOUND, "No such user.");

	private final HttpStatus status;

	private final String detail;

	UserError(HttpStatus status, String detail) {
		this.status = status;
		this.detail = detail;
	}

	HttpStatus status() {
		return this.status;
	}

	String detail() {
		return this.detail;
	}

}
