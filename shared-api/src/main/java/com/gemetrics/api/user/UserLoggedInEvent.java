package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A fact that the user logged in and a session began. */
@Revision("1")
public record UserLoggedInEvent(UserId userId, String sessionId, Instant loggedInAt) {
}
