package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A fact that a password reset was asked for this user (the token itself is never in an
 * event).
 */
@Revision("1")
public record PasswordResetRequestedEvent(UserId userId, Instant requestedAt) {
}
