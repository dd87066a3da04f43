package com.gemetrics.query.web;

/**
 * Tells whether a bearer token would pass the security chain's verification (signature,
 * issuer, audience, lifetime, revocation), for paths that serve public data and need only
 * to refuse bad tokens: a caller with a valid token may be answered without the chain
 * running.
 */
public interface BearerTokens {

	/**
	 * Whether {@code token} is valid now; {@code false} sends the request through the
	 * chain.
	 */
	boolean isValid(String token);

}
