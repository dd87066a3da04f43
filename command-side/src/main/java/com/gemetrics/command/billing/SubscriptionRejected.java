package com.gemetrics.command.billing;

import com.gemetrics.platform.web.ApiException;

/** A billing request broke a rule: answered with the error's status and code. */
class SubscriptionRejected extends ApiException {

	private final SubscriptionError error;

	SubscriptionRejected(SubscriptionError error) {
		super(error.status(), error.name(), error.detail());
		this.error = error;
	}

	SubscriptionError error() {
		return this.error;
	}

}
