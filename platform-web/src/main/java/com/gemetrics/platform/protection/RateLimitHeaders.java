package com.gemetrics.platform.protection;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * The IETF rate-limit headers (draft-ietf-httpapi-ratelimit-headers, the separate-field
 * form): {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset}
 * (seconds) on every limited answer, and {@code Retry-After} (seconds) on a 429. When
 * several limits apply to one request, the headers describe the one closest to refusing.
 */
final class RateLimitHeaders {

	static final String LIMIT = "RateLimit-Limit";

	static final String REMAINING = "RateLimit-Remaining";

	static final String RESET = "RateLimit-Reset";

	private RateLimitHeaders() {
	}

	/** The tighter of two decisions (fewer requests left); either may be null. */
	static RateLimitDecision tighter(RateLimitDecision a, RateLimitDecision b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return (b.remaining() < a.remaining()) ? b : a;
	}

	/** Sets the headers, unless an earlier filter already described a tighter limit. */
	static void write(HttpServletResponse response, RateLimitDecision decision) {
		String earlier = response.getHeader(REMAINING);
		if (decision.allowed() && earlier != null && Long.parseLong(earlier) <= decision.remaining()) {
			return;
		}
		response.setHeader(LIMIT, Long.toString(decision.limit()));
		response.setHeader(REMAINING, Long.toString(decision.remaining()));
		response.setHeader(RESET, Long.toString(decision.resetSeconds()));
		if (!decision.allowed()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
		}
	}

}
