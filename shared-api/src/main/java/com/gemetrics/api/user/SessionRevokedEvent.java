package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A fact that one session (or, with a null session id, every session) of the user was
 * ended.
 */
@Revision("1")
public record SessionRevokedEvent(UserId userId, String sessionId, String reason, Instant revokedAt) {
}
