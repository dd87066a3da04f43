package com.gemetrics.command.user;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 429 with {@code Retry-After}: the caller must wait before trying this again. */
class TooManyAttemptsException extends ErrorResponseException {

	TooManyAttemptsException(String code, String detail, Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(code, detail, seconds(retryAfter)), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
	}

	/**
	 * Too many failed logins for this account or from this address. It says nothing about
	 * whether the account exists: unknown addresses back off the same way.
	 */
	static TooManyAttemptsException loginThrottled(Duration retryAfter) {
		return new TooManyAttemptsException("LOGIN_THROTTLED", "Too many failed sign-in attempts; try again later.",
				retryAfter);
	}

	private static long seconds(Duration retryAfter) {
		long seconds = retryAfter.toSeconds();
		return (retryAfter.toNanosPart() > 0) ? seconds + 1 : Math.max(seconds, 1);
	}

	private static ProblemDetail problem(String code, String detail, long retryAfterSeconds) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, detail);
		problem.setProperty("code", code);
		problem.setProperty("retryAfterSeconds", retryAfterSeconds);
		return problem;
	}

}
