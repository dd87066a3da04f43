package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a failed login to the user's account.
 *
 * @param userId the user
 * @param reason why it failed: {@code BAD_CREDENTIALS} or {@code THROTTLED}
 * @param failedAt when
 */
public record RecordLoginFailureCommand(@TargetAggregateIdentifier UserId userId, String reason, Instant failedAt) {
}
