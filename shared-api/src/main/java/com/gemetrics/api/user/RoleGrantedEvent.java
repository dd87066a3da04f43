package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A fact that a role was granted to the user by an admin. */
@Revision("1")
public record RoleGrantedEvent(UserId userId, Role role, UserId grantedBy, Instant grantedAt) {
}
