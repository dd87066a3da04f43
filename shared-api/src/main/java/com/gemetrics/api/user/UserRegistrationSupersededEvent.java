package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A fact that a newer registration of the same address replaced this unverified one: the
 * account no longer holds the address, its verification links are dead and its sessions
 * ended. The address is not repeated here (it is in this account's and the newer
 * account's {@link UserRegisteredEvent}).
 */
@Revision("1")
public record UserRegistrationSupersededEvent(UserId userId, UserId supersededBy, Instant supersededAt) {
}
