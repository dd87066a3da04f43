package com.gemetrics.command.security;

/**
 * A new token pair.
 *
 * @param accessToken the access token (JWT), sent as {@code Authorization: Bearer}
 * @param refreshToken the next refresh token; the one presented is used up
 * @param expiresIn the access token's lifetime in seconds
 * @param tokenType always {@code Bearer}
 */
record TokenResponse(String accessToken, String refreshToken, long expiresIn, String tokenType) {

	static TokenResponse of(TokenPair pair) {
		return new TokenResponse(pair.accessToken(), pair.refreshToken(), pair.expiresIn(), "Bearer");
	}

}
