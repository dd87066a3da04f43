package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that the user changed their password. The new hash is stored outside the event
 * store.
 *
 * @param userId the user
 * @param changedAt when
 */
public record ChangePasswordCommand(@TargetAggregateIdentifier UserId userId, Instant changedAt) {
}
