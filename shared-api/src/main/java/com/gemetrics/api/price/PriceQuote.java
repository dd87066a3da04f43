package com.gemetrics.api.price;

import java.time.Instant;

/**
 * The latest instant-buy ({@code high}) and instant-sell ({@code low}) prices of one
 * item, as {@code /latest} reports them. Either side may be {@code null} when it never
 * traded.
 *
 * @param itemId the item id (which may be missing from the catalogue)
 * @param high latest instant-buy price per item, coins
 * @param highTime when {@code high} traded
 * @param low latest instant-sell price per item, coins
 * @param lowTime when {@code low} traded
 */
public record PriceQuote(int itemId, Long high, Instant highTime, Long low, Instant lowTime) {
}
