package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A fact that a user registered. The password is not here: its hash lives in the command
 * side's credentials table.
 */
@Revision("1")
public record UserRegisteredEvent(UserId userId, String email, String displayName, Instant registeredAt) {
}
