package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A fact that a role was taken from the user by an admin. */
@Revision("1")
public record RoleRevokedEvent(UserId userId, Role role, UserId revokedBy, Instant revokedAt) {
}
