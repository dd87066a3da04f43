package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that the user set a new password through a valid reset link. The new hash is
 * stored outside the event store.
 *
 * @param userId the user
 * @param resetAt when
 */
public record CompletePasswordResetCommand(@TargetAggregateIdentifier UserId userId, Instant resetAt) {
}
