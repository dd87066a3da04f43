package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A fact that the user set a new password through a reset link; every session was ended.
 */
@Revision("1")
public record PasswordResetCompletedEvent(UserId userId, Instant resetAt) {
}
