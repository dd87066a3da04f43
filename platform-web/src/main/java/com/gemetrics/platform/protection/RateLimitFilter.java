package com.gemetrics.platform.protection;

import java.io.IOException;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Asks the {@link RateLimiter} for every rule that applies to a request, in order; the
 * first refusal answers 429 problem+json ({@code RATE_LIMITED}) with {@code Retry-After}.
 * Allowed requests go on with the rate-limit headers of the tightest rule.
 */
abstract class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;

	private final ProblemResponses problems;

	private final MeterRegistry registry;

	RateLimitFilter(RateLimiter limiter, ProblemResponses problems, MeterRegistry registry) {
		this.limiter = limiter;
		this.problems = problems;
		this.registry = registry;
	}

	/** The rules for this request, most specific first; empty when none applies. */
	abstract List<RateLimitRule> rules(HttpServletRequest request, String path);

	/** Whose bucket the request takes from, or null when it is not limited here. */
	abstract String subject(HttpServletRequest request);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		List<RateLimitRule> rules = rules(request, path);
		String subject = rules.isEmpty() ? null : subject(request);
		if (subject == null) {
			chain.doFilter(request, response);
			return;
		}
		RateLimitDecision shown = null;
		for (RateLimitRule rule : rules) {
			RateLimitDecision decision = this.limiter.tryConsume(rule, subject);
			if (!decision.allowed()) {
				Counter.builder("ge.ratelimit.rejected")
					.description("Requests refused with 429 by a rate limit")
					.tag("rule", rule.name())
					.register(this.registry)
					.increment();
				RateLimitHeaders.write(response, decision);
				this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
						"Too many requests; retry after " + decision.retryAfterSeconds() + " s.");
				return;
			}
			shown = RateLimitHeaders.tighter(shown, decision);
		}
		RateLimitHeaders.write(response, shown);
		chain.doFilter(request, response);
	}

}
