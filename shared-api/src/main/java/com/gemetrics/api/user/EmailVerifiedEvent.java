package com.gemetrics.api.user;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A fact that the user proved they own their e-mail address through the single-use link.
 */
@Revision("1")
public record EmailVerifiedEvent(UserId userId, Instant verifiedAt) {
}
