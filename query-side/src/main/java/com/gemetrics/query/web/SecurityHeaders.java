package com.gemetrics.query.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers every query-side response carries: set by Spring Security's filter
 * chain, and by the items fast path for the anonymous requests it answers before that
 * chain runs.
 */
public final class SecurityHeaders {

	/** An API serves no documents: nothing may load from or frame it. */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

	/** One year, subdomains included; only sent over TLS. */
	public static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

	private static final String HSTS = "max-age=" + HSTS_MAX_AGE_SECONDS + " ; includeSubDomains";

	private SecurityHeaders() {
	}

	/** Writes the headers Spring Security's configuration in this app writes. */
	public static void apply(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("Referrer-Policy", "no-referrer");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", HSTS);
		}
	}

}
