package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A fact that a login to this user's account failed (wrong password, or refused while
 * throttled).
 */
@Revision("1")
public record LoginFailedEvent(UserId userId, String reason, Instant failedAt) {
}
