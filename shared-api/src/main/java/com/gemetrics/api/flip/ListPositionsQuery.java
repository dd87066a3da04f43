package com.gemetrics.api.flip;

import java.util.UUID;

/**
 * Asks for the caller's open positions; answered with a {@link PositionsView}.
 *
 * @param userId the caller
 * @param account only this account, or {@code null}
 */
public record ListPositionsQuery(UUID userId, String account) {
}
