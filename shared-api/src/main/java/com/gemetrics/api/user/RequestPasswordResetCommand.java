package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks for a password reset link for the user. Only a verified address gets one.
 *
 * @param userId the user
 * @param requestedAt when
 */
public record RequestPasswordResetCommand(@TargetAggregateIdentifier UserId userId, Instant requestedAt) {
}
