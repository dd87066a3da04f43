package com.gemetrics.command.security;

import java.util.Set;

import com.gemetrics.api.user.Role;
import com.gemetrics.api.user.UserId;

/**
 * Starts and ends sessions: what the accounts feature calls after a successful login, and
 * after a password change or reset.
 */
public interface SessionTokens {

	/**
	 * Starts a new session (refresh-token family) for the user and issues its first token
	 * pair.
	 * @param userId the user who logged in
	 * @param roles the roles the access token carries
	 * @return the access token, the refresh token, the access token's lifetime in seconds
	 * and the session id
	 */
	TokenPair startSession(UserId userId, Set<Role> roles);

	/**
	 * Ends every session of the user: refresh tokens are revoked and access tokens issued
	 * before now are refused on both apps within seconds.
	 * @param userId the user
	 * @param reason why, for the audit trail (e.g. {@code password-changed})
	 */
	void revokeAllSessions(UserId userId, String reason);

	/**
	 * Ends every session of the user but one, the caller's own: refresh tokens of the
	 * others are revoked and their access tokens refused on both apps within seconds.
	 * @param userId the user
	 * @param keepSessionId the session that stays (the {@code sid} of the caller's access
	 * token); if it is not a session id, every session ends
	 * @param reason why, for the audit trail (e.g. {@code password-changed})
	 */
	void revokeOtherSessions(UserId userId, String keepSessionId, String reason);

}
