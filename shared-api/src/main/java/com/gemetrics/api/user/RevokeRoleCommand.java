package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes a role from the user.
 *
 * @param userId the user
 * @param role the role
 * @param revokedBy the admin who revoked it
 * @param revokedAt when
 */
public record RevokeRoleCommand(@TargetAggregateIdentifier UserId userId, Role role, UserId revokedBy,
		Instant revokedAt) {
}
