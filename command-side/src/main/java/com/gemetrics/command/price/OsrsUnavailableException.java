package com.gemetrics.command.price;

/**
 * The prices API could not be reached or answered 5xx or 429: a transient failure,
 * retried with backoff.
 */
class OsrsUnavailableException extends OsrsApiException {

	OsrsUnavailableException(String message) {
		super(message);
	}

	OsrsUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
