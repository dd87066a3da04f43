package com.gemetrics.command.user;

import com.gemetrics.platform.web.ApiException;

/**
 * A user command or account request broke a rule: answered with the error's status and
 * code.
 */
class UserRejected extends ApiException {

	private final UserError error;

	UserRejected(UserError error) {
		super(error.status(), error.name(), error.detail());
		this.error = error;
	}

	UserError error() {
		return this.error;
	}

}
