package com.gemetrics.command.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * {@code /internal/**} is for the query side only. nginx routes it from private networks
 * only; on top of that a request must carry {@code GE_INTERNAL_TOKEN} in
 * {@code X-Internal-Token} (compared in constant time). Unset, the app refuses to start
 * ({@link RequiredSecret}); only under the {@code dev} profile does it start, with the
 * endpoint relying on the network alone and a warning saying so.
 */
final class InternalTokenAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

	static final String HEADER = "X-Internal-Token";

	static final String VARIABLE = "GE_INTERNAL_TOKEN";

	private final byte[] expected;

	InternalTokenAuthorization(String internalToken, Environment environment) {
		String token = RequiredSecret.require(internalToken, VARIABLE, environment,
				"/internal/** is protected only by the network");
		this.expected = (token != null) ? token.getBytes(StandardCharsets.UTF_8) : null;
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
