package com.gemetrics.command.flip;

import com.gemetrics.platform.web.ApiException;

/** A flip command broke a rule: answered with the error's status and code. */
class FlipRejected extends ApiException {

	private final FlipError error;

	FlipRejected(FlipError error) {
		super(error.status(), error.name(), error.detail());
		this.error = error;
	}

	FlipError error() {
		return this.error;
	}

}
