package com.gemetrics.api.flip;

import java.time.Instant;

import com.gemetrics.api.user.UserId;

/**
 * Asks for the caller's stats over a range; answered with a {@link FlipStatsView}.
 *
 * @param userId the caller
 * @param account only this account, or {@code null}
 * @param from trades and closes at or after, or {@code null}
 * @param to before, or {@code null}
 */
public record FindFlipStatsQuery(UserId userId, String account, Instant from, Instant to) {
}
