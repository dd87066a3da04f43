package com.gemetrics.command.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * {@code /internal/**} is for the query side only. nginx routes it from private networks
 * only; on top of that, when {@code GE_INTERNAL_TOKEN} is set, a request must carry it in
 * {@code X-Internal-Token} (compared in constant time). Unset, the endpoint relies on the
 * network alone, and a warning says so at start.
 */
final class InternalTokenAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

	static final String HEADER = "X-Internal-Token";

	private static final Logger log = LoggerFactory.getLogger(InternalTokenAuthorization.class);

	private final byte[] expected;

	InternalTokenAuthorization(String internalToken) {
		if (internalToken != null && !internalToken.isBlank()) {
			this.expected = internalToken.getBytes(StandardCharsets.UTF_8);
		}
		else {
			this.expected = null;
			log.warn("GE_INTERNAL_TOKEN is not set: /internal/** is protected only by the network "
					+ "(nginx routes it from private networks only)");
		}
	}

	@Override
	public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
		if (this.expected == null) {
			return new AuthorizationDecision(true);
		}
		String given = context.getRequest().getHeader(HEADER);
		return new AuthorizationDecision(
				given != null && MessageDigest.isEqual(this.expected, given.getBytes(StandardCharsets.UTF_8)));
	}

}
