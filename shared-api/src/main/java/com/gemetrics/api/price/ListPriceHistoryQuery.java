package com.gemetrics.api.price;

import java.time.Instant;

/**
 * Asks for a page of one item's price history, oldest first; answered with a
 * {@link PriceHistoryPage}.
 *
 * @param itemId the item id
 * @param timestep the bucket length
 * @param from first bucket start included, or {@code null}
 * @param to last bucket start excluded, or {@code null}
 * @param cursor opaque cursor from the previous page, or {@code null}
 * @param limit page size (capped by the server)
 */
public record ListPriceHistoryQuery(int itemId, Timestep timestep, Instant from, Instant to, String cursor, int limit) {
}
