package com.gemetrics.command.security;

/**
 * What a login or a refresh answers with.
 *
 * @param accessToken the signed JWT (about 15 minutes)
 * @param refreshToken the opaque refresh token (shown once, stored only as a hash)
 * @param expiresIn the access token's lifetime in seconds
 * @param sessionId the session (refresh-token family) id, also the access token's
 * {@code sid}
 */
public record TokenPair(String accessToken, String refreshToken, long expiresIn, String sessionId) {
}
