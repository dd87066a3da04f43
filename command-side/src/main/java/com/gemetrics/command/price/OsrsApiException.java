package com.gemetrics.command.price;

/**
 * The prices API answered in a way that cannot be used: a 4xx, or a body that is not the
 * JSON expected. Not worth retrying at once.
 */
class OsrsApiException extends RuntimeException {

	OsrsApiException(String message) {
		super(message);
	}

	OsrsApiException(String message, Throwable cause) {
		super(message, cause);
	}

}
