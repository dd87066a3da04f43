package com.gemetrics.platform.protection;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The per-IP limits, before authentication: every {@code /api/**} request takes from the
 * client IP's {@code api} bucket, and {@code /api/v1/auth/**} first from its {@code auth}
 * bucket. The client IP is {@link HttpServletRequest#getRemoteAddr()}, already resolved
 * by {@link ClientIpFilter}.
 */
class ClientRateLimitFilter extends RateLimitFilter {

	static final String AUTH_PREFIX = "/api/v1/auth/";

	private final List<RateLimitRule> api;

	private final List<RateLimitRule> auth;

	ClientRateLimitFilter(RateLimiter limiter, ProblemResponses problems, MeterRegistry registry,
			ProtectionProperties.RateLimit settings) {
		super(limiter, problems, registry);
		RateLimitRule apiRule = limiter.rule("api", settings.api());
		this.api = List.of(apiRule);
		this.auth = List.of(limiter.rule("auth", settings.auth()), apiRule);
	}

	@Override
	List<RateLimitRule> rules(HttpServletRequest request, String path) {
		return path.startsWith(AUTH_PREFIX) ? this.auth : this.api;
	}

	@Override
	String subject(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

}
