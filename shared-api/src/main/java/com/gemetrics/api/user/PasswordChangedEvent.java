package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A fact that the user changed their password; every other session was ended. */
@Revision("1")
public record PasswordChangedEvent(UserId userId, Instant changedAt) {
}
