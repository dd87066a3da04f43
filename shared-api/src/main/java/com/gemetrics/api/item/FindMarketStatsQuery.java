package com.gemetrics.api.item;

/**
 * Asks for the market overview; answered with a {@link MarketStatsView}.
 *
 * @param limit how many items per ranking
 */
public record FindMarketStatsQuery(int limit) {
}
