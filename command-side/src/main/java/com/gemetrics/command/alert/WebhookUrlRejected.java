package com.gemetrics.command.alert;

import com.gemetrics.platform.web.ApiException;

import org.springframework.http.HttpStatus;

/** A webhook URL the policy refuses: answered 422 {@code WEBHOOK_URL_REJECTED}. */
class WebhookUrlRejected extends ApiException {

	WebhookUrlRejected(String detail) {
		super(HttpStatus.UNPROCESSABLE_ENTITY, "WEBHOOK_URL_REJECTED", detail);
	}

}
