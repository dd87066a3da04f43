package com.gemetrics.api.flip;

import com.gemetrics.api.user.UserId;

/**
 * Asks for one of the caller's flips with its sales; answered with a
 * {@link FlipDetailView}, or {@code null} when it is not theirs.
 *
 * @param userId the caller
 * @param flipId the flip
 */
public record FindFlipQuery(UserId userId, FlipId flipId) {
}
