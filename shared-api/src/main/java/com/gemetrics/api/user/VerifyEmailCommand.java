package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Marks the user's e-mail address verified, after they followed the single-use link.
 *
 * @param userId the user
 * @param verifiedAt when
 * @param bootstrapAdmin whether the address is the configured bootstrap admin's, so the
 * user also gets {@link Role#ADMIN}
 */
public record VerifyEmailCommand(@TargetAggregateIdentifier UserId userId, Instant verifiedAt, boolean bootstrapAdmin) {
}
