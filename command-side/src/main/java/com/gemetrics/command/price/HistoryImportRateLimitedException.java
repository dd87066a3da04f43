package com.gemetrics.command.price;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 429: the global cap on history imports is reached. Answered with {@code Retry-After}.
 */
class HistoryImportRateLimitedException extends ErrorResponseException {

	HistoryImportRateLimitedException(Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(seconds(retryAfter)), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
	}

	private static long seconds(Duration retryAfter) {
		long seconds = retryAfter.toSeconds();
		return (retryAfter.toNanosPart() > 0) ? seconds + 1 : Math.max(seconds, 1);
	}

	private static ProblemDetail problem(long retryAfterSeconds) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Price-history imports are capped to protect the prices API; retry after " + retryAfterSeconds + " s.");
		problem.setProperty("code", "HISTORY_IMPORT_RATE_LIMITED");
		problem.setProperty("retryAfterSeconds", retryAfterSeconds);
		return problem;
	}

}
