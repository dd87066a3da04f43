package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Grants a role to the user.
 *
 * @param userId the user
 * @param role the role
 * @param grantedBy the admin who granted it
 * @param grantedAt when
 */
public record GrantRoleCommand(@TargetAggregateIdentifier UserId userId, Role role, UserId grantedBy,
		Instant grantedAt) {
}
