package com.gemetrics.platform.web;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is a sane token,
 * else a new one), puts it in the logging context as {@code request.id} and in the
 * response, and logs and counts requests slower than
 * {@code ge.web.slow-request-threshold} (default 5 s).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTracingFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	static final String MDC_KEY = "request.id";

	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Logger log = LoggerFactory.getLogger(RequestTracingFilter.class);

	private final long slowThresholdNanos;

	private final Counter slowRequests;

	RequestTracingFilter(@Value("${ge.web.slow-request-threshold:5s}") Duration slowThreshold,
			ObjectProvider<MeterRegistry> registry) {
		this.slowThresholdNanos = slowThreshold.toNanos();
		this.slowRequests = Counter.builder("ge.http.slow.requests")
			.description("Requests that took longer than the slow-request threshold")
			.register(registry.getIfAvailable(() -> Metrics.globalRegistry));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String id = (given != null && SAFE_ID.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		response.setHeader(HEADER, id);
		MDC.put(MDC_KEY, id);
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			long elapsed = System.nanoTime() - start;
			if (elapsed > this.slowThresholdNanos) {
				this.slowRequests.increment();
				log.warn("Slow request {} {} took {} ms (status {})", request.getMethod(), request.getRequestURI(),
						elapsed / 1_000_000, response.getStatus());
			}
			MDC.remove(MDC_KEY);
		}
	}

}
