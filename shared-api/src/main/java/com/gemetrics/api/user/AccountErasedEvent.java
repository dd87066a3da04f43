package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A fact that the user had their account erased: their data key was destroyed (so the
 * personal data in their events can never be read again), every session ended, their
 * credentials and personal data left the command side's tables and the read models. What
 * they traded stays, under their user id only. No personal data here.
 */
@Revision("1")
public record AccountErasedEvent(UserId userId, Instant erasedAt) {
}
