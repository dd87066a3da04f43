package com.gemetrics.api.flip;

import com.gemetrics.api.user.UserId;

/**
 * Asks for the caller's open positions; answered with a {@link PositionsView}.
 *
 * @param userId the caller
 * @param account only this account, or {@code null}
 */
public record ListPositionsQuery(UserId userId, String account) {
}
