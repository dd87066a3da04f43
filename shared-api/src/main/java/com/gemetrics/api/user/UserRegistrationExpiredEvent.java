package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A fact that this registration's address was not verified within the allowed time: the
 * account no longer holds the address, its verification links are dead and its sessions
 * ended.
 */
@Revision("1")
public record UserRegistrationExpiredEvent(UserId userId, Instant expiredAt) {
}
