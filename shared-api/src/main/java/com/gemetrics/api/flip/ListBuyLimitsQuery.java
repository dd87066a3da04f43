package com.gemetrics.api.flip;

import com.gemetrics.api.user.UserId;

/**
 * Asks for the caller's buy-limit ledger; answered with a {@link BuyLimitsView}.
 *
 * @param userId the caller
 * @param account only this account, or {@code null}
 */
public record ListBuyLimitsQuery(UserId userId, String account) {
}
